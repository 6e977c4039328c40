/**
 * Where on a HubSpot record page a docked panel can sit, and the record's name. HubSpot renders
 * generated class names (styled-components) that change between releases; its `data-test-id`
 * attributes are what public extensions and userscripts select on, so only those (and one
 * `data-selenium-test`) are used here. Sources for each selector are in docs/hubspot-pages.md;
 * test/crm/page-anchors.test.ts checks them against the saved pages in test/e2e/fixtures/hubspot/.
 *
 * The DOM does not say which kind of record a page shows — a contact or deal record has the same
 * three columns. Whether to show the panel is decided from the URL (record-urls.ts); these anchors
 * only say where.
 */

/**
 * How the panel goes in relative to the anchor element: as its first child, as its last child,
 * or as its next sibling. (In WXT's `createShadowRootUi` these are `append: 'first' | 'last' |
 * 'after'`.)
 */
export type PanelPlacement = 'prepend' | 'append' | 'after';

export interface PanelAnchor {
  name: string;
  selector: string;
  placement: PanelPlacement;
}

/**
 * Tried in order; the first one present (and not hidden) wins. The right sidebar comes first: it
 * is where HubSpot itself puts app cards on a record, so a KPI card there reads as one of them and
 * pushes nothing the user is working in. The inner `right-sidebar` is the column that scrolls; its
 * wrapper `records-right-sidebar` is the fallback if the inner one is renamed.
 */
export const PANEL_ANCHORS: readonly PanelAnchor[] = [
  { name: 'right sidebar (top)', selector: '[data-test-id="right-sidebar"]', placement: 'prepend' },
  { name: 'right sidebar column (top)', selector: '[data-test-id="records-right-sidebar"]', placement: 'prepend' },
  { name: 'left sidebar, below the highlight card', selector: '[data-test-id="left-sidebar"] [data-test-id^="card-wrapper-OBJECT_HIGHLIGHT"]', placement: 'after' },
  { name: 'middle column (top)', selector: '[data-test-id="middle-pane"]', placement: 'prepend' },
];

/** The record's name as HubSpot shows it at the top of the left sidebar, newest UI first. */
export const RECORD_NAME_SELECTORS: readonly string[] = [
  '[data-test-id="left-sidebar"] [data-test-id="highlight-record-label"]',
  '[data-test-id="highlight-record-label"]',
  '[data-selenium-test="highlightTitle"]',
];

/** A collapsed column or a closed panel stays in the DOM; docking into it would hide the panel. */
function isHidden(element: Element): boolean {
  return element.closest('[hidden], [aria-hidden="true"]') !== null;
}

/**
 * The first anchor of PANEL_ANCHORS present on the page. Undefined when none is (HubSpot changed
 * its markup, or has not rendered the record yet): the caller then docks the panel as a fixed side
 * dock, which needs nothing from the page.
 */
export function findPanelAnchor(doc: ParentNode): { element: Element; placement: PanelPlacement; name: string } | undefined {
  for (const anchor of PANEL_ANCHORS) {
    const element = doc.querySelector(anchor.selector);
    if (element && !isHidden(element)) return { element, placement: anchor.placement, name: anchor.name };
  }
  return undefined;
}

/**
 * The company name the record page shows, as plain text (whitespace collapsed), or undefined when
 * no known element carries it. Text only: never read as HTML, so a name such as
 * `<b>Acme</b>` stays those characters.
 */
export function companyNameOf(doc: ParentNode): string | undefined {
  for (const selector of RECORD_NAME_SELECTORS) {
    const text = doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return undefined;
}

// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_ANCHORS, RECORD_NAME_SELECTORS, companyNameOf, findPanelAnchor } from '../../lib/crm/hubspot/page-anchors';

/*
 * The page knowledge in lib/crm/hubspot/page-anchors.ts, checked against the saved HubSpot-like
 * pages the e2e tests serve at real HubSpot URLs (test/e2e/fixtures/hubspot/).
 */

const FIXTURES = ['company-record', 'company-record-changed-dom', 'contact-record', 'deal-record', 'companies-list'] as const;
type Fixture = (typeof FIXTURES)[number];

// Under the jsdom environment `import.meta.url` is not a file URL, so resolve from this file's path.
const FIXTURE_DIR = join(dirname(fileURLToPath(new URL(import.meta.url, 'file:///'))), '../e2e/fixtures/hubspot');
const html = (name: Fixture) => readFileSync(join(FIXTURE_DIR, `${name}.html`), 'utf8');
/** A fresh, script-less document of a fixture (DOMParser never runs scripts). */
const load = (name: Fixture) => new DOMParser().parseFromString(html(name), 'text/html');

const COMPANY_NAME = '宏达机电 <b>markup-looking</b> Trading Co.';

const testId = (element: Element | undefined) => element?.getAttribute('data-test-id');

describe('findPanelAnchor', () => {
  it('finds the right sidebar on a company record, to prepend the panel to', () => {
    const anchor = findPanelAnchor(load('company-record'));
    expect(anchor).toBeDefined();
    expect(testId(anchor!.element)).toBe('right-sidebar');
    expect(anchor!.placement).toBe('prepend');
    expect(anchor!.name).toBe(PANEL_ANCHORS[0]!.name);
  });

  it('falls through the anchors in order as HubSpot drops them', () => {
    const doc = load('company-record');
    const seen: Array<[string | null | undefined, string]> = [];
    for (let anchor = findPanelAnchor(doc); anchor; anchor = findPanelAnchor(doc)) {
      seen.push([testId(anchor.element), anchor.placement]);
      // Drop the anchor's data-test-id (not the element: the next anchor may sit inside it).
      anchor.element.removeAttribute('data-test-id');
      expect(seen.length).toBeLessThanOrEqual(PANEL_ANCHORS.length);
    }
    expect(seen).toEqual([
      ['right-sidebar', 'prepend'],
      ['records-right-sidebar', 'prepend'],
      ['card-wrapper-OBJECT_HIGHLIGHT-FAS-0-2-1', 'after'],
      ['middle-pane', 'prepend'],
    ]);
  });

  it('skips an anchor inside a hidden or aria-hidden column', () => {
    const doc = load('company-record');
    doc.querySelector('[data-test-id="records-right-sidebar"]')!.setAttribute('hidden', '');
    expect(testId(findPanelAnchor(doc)?.element)).toBe('card-wrapper-OBJECT_HIGHLIGHT-FAS-0-2-1');
    doc.querySelector('[data-test-id="left-sidebar"]')!.setAttribute('aria-hidden', 'true');
    expect(testId(findPanelAnchor(doc)?.element)).toBe('middle-pane');
  });

  it('is undefined when HubSpot renamed the anchors: the caller docks the panel at the side', () => {
    expect(findPanelAnchor(load('company-record-changed-dom'))).toBeUndefined();
  });

  it('is undefined on the companies index page', () => {
    expect(findPanelAnchor(load('companies-list'))).toBeUndefined();
  });

  it('finds the same anchors on contact and deal records: the URL, not the DOM, says "company"', () => {
    expect(testId(findPanelAnchor(load('contact-record'))?.element)).toBe('right-sidebar');
    expect(testId(findPanelAnchor(load('deal-record'))?.element)).toBe('right-sidebar');
  });

  it('works on any ParentNode, e.g. a detached subtree', () => {
    const doc = load('company-record');
    const middle = doc.querySelector('[data-test-id="middle-pane"]')!.cloneNode(true) as Element;
    const fragment = doc.createDocumentFragment();
    fragment.append(middle);
    expect(findPanelAnchor(fragment)?.element).toBe(middle);
  });

  it('each anchor selector matches exactly one element of the saved company record', () => {
    const doc = load('company-record');
    for (const { selector } of PANEL_ANCHORS) expect(doc.querySelectorAll(selector), selector).toHaveLength(1);
  });
});

describe('companyNameOf', () => {
  it('reads the company name as text, markup-looking characters included, never as HTML', () => {
    const doc = load('company-record');
    expect(companyNameOf(doc)).toBe(COMPANY_NAME);
    const label = doc.querySelector('[data-test-id="highlight-record-label"]')!;
    expect(label.querySelector('b')).toBeNull();
  });

  it('is undefined when the name element was renamed, and on the index page', () => {
    expect(companyNameOf(load('company-record-changed-dom'))).toBeUndefined();
    expect(companyNameOf(load('companies-list'))).toBeUndefined();
  });

  it('reads whatever record the page shows: a contact page gives the contact (gate on the URL)', () => {
    expect(companyNameOf(load('contact-record'))).toBe('Li Na');
    expect(companyNameOf(load('deal-record'))).toBe('Q1 2027 stock order');
  });

  it('prefers the left sidebar, collapses whitespace and skips empty labels', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-test-id="highlight-record-label">  </div>
       <div data-test-id="left-sidebar"><h2 data-test-id="highlight-record-label">\n  Acme\n   Trading  </h2></div>`,
      'text/html',
    );
    expect(companyNameOf(doc)).toBe('Acme Trading');
    doc.querySelector('[data-test-id="left-sidebar"]')!.remove();
    expect(companyNameOf(doc)).toBeUndefined();
  });

  it('falls back to the older UI\'s highlightTitle', () => {
    const doc = new DOMParser().parseFromString('<h1 data-selenium-test="highlightTitle">Old UI Co.</h1>', 'text/html');
    expect(companyNameOf(doc)).toBe('Old UI Co.');
  });

  it('the current-UI name selectors match the saved company record', () => {
    const doc = load('company-record');
    for (const selector of RECORD_NAME_SELECTORS.slice(0, 2)) expect(doc.querySelectorAll(selector), selector).toHaveLength(1);
  });
});

describe('the saved pages', () => {
  it.each(FIXTURES)('%s is self-contained: nothing loads from the network', (name) => {
    const doc = load(name);
    expect(doc.querySelectorAll('[src], iframe, object, embed, base')).toHaveLength(0);
    for (const link of doc.querySelectorAll('link')) expect(link.getAttribute('href'), name).toMatch(/^data:/);
    for (const style of doc.querySelectorAll('style')) expect(style.textContent).not.toMatch(/@import|url\(/);
    for (const script of doc.querySelectorAll('script')) expect(script.textContent).not.toMatch(/fetch|XMLHttpRequest|import\(|WebSocket|sendBeacon/);
    for (const a of doc.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      // Relative links resolve against whatever HubSpot URL the page is served at.
      expect(href, name).toMatch(/^(\.{1,2}\/|mailto:|https:\/\/[a-z0-9-]+\.example$)/);
    }
  });

  it('the changed-DOM page is the company record with only its anchors renamed', () => {
    const text = (name: Fixture) => load(name).body.textContent!.replace(/\s+/g, ' ');
    expect(text('company-record-changed-dom')).toBe(text('company-record'));
  });
});

describe('the saved pages\' keyboard shortcuts (what the e2e tests type against)', () => {
  // Read from the DOM, as an e2e test (or a content script's isolated world) would.
  const fired = (): string[] => JSON.parse(document.documentElement.getAttribute('data-host-shortcuts') ?? '[]');
  const press = (target: EventTarget, key: string) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
  let original: HTMLElement;

  beforeAll(() => {
    // Load company-record.html into this window and run its script once (DOMParser leaves scripts inert).
    original = document.documentElement;
    const parsed = load('company-record');
    const sources = [...parsed.querySelectorAll('script')].map((s) => {
      s.remove();
      return s.textContent ?? '';
    });
    document.documentElement.replaceWith(document.importNode(parsed.documentElement, true));
    for (const source of sources) {
      const script = document.createElement('script');
      script.textContent = source;
      document.body.append(script);
    }
  });

  afterAll(() => {
    document.documentElement.replaceWith(original);
  });

  it('"/" on the page focuses HubSpot\'s search and is recorded', () => {
    const before = fired().length;
    expect(press(document.body, '/')).toBe(false);
    expect(fired().slice(before)).toEqual(['/ (search)']);
    expect(document.activeElement).toBe(document.querySelector('[data-test-id="global-search-input-react"]'));
    (document.activeElement as HTMLElement).blur();
  });

  it('typing in the page\'s own inputs fires nothing', () => {
    const before = fired().length;
    press(document.querySelector('.timeline-search')!, 'g');
    press(document.querySelector('.timeline-search')!, '/');
    expect(fired().slice(before)).toEqual([]);
  });

  it('typing in an input inside a shadow root fires the shortcut, unless the shadow host stops the event', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const input = document.createElement('input');
    host.attachShadow({ mode: 'open' }).append(input);

    const before = fired().length;
    press(input, 'n');
    expect(fired().slice(before)).toEqual(['n (new note)']);

    host.addEventListener('keydown', (event) => event.stopPropagation());
    press(input, 'n');
    expect(fired().slice(before)).toEqual(['n (new note)']);
    host.remove();
  });
});

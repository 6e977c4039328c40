import type { FieldkitDatabase } from '../../lib/store/database';
import { readSetting } from '../../lib/store/settings';
import { resolveLocale, translator, type Locale } from '../../lib/kernel/i18n';
import { dealersByIds } from '../../lib/dealers/queries';
import { dealerIdsNamedIn } from '../../lib/reports/diary-schema';
import { documentOfEntry } from '../../lib/reports/export/entry-document';
import type { ReportDocument } from '../../lib/reports/export/document';
import { PRINT_CSS, renderHtml } from '../../lib/reports/export/html';
import { takeHandedOff } from './print-handoff';
import { printPageMessages } from './print-messages';

/** What the hash names: a saved report (`#entry=<id>`) or a document handed over (`#doc=<key>`); `print=1` opens the dialog. */
export function printRequestOf(hash: string): { entryId?: string; docKey?: string; print: boolean } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const entryId = params.get('entry') ?? undefined;
  const docKey = params.get('doc') ?? undefined;
  return { ...(entryId ? { entryId } : {}), ...(docKey ? { docKey } : {}), print: params.get('print') === '1' };
}

async function documentFor(db: FieldkitDatabase, request: ReturnType<typeof printRequestOf>, locale: Locale): Promise<ReportDocument | undefined> {
  if (request.docKey) return takeHandedOff(request.docKey);
  if (!request.entryId) return undefined;
  const entry = await db.diaryEntries.get(request.entryId);
  if (!entry || entry.deletedAt) return undefined;
  const dealers = await dealersByIds.run(db, { ids: dealerIdsNamedIn(entry) });
  const names = new Map(dealers.map((dealer) => [dealer.id, dealer.name]));
  return documentOfEntry(entry, { locale, dealerName: (id) => names.get(id) });
}

/**
 * Lays the report out on the page (the same HTML as the export, escaped by its renderer) with the
 * print stylesheet and a toolbar that does not print; opens the print dialog when asked.
 */
export async function showPrintPage(db: FieldkitDatabase, browserLanguage: string, hash: string, page: Document): Promise<void> {
  const locale = resolveLocale(await readSetting(db, 'language').catch(() => undefined), browserLanguage);
  const t = translator(printPageMessages, locale);
  const request = printRequestOf(hash);
  const doc = await documentFor(db, request, locale);
  page.documentElement.lang = doc?.locale ?? locale;
  const style = page.createElement('style');
  style.textContent = `${PRINT_CSS}\n.fk-print-bar { display: flex; gap: 8px; align-items: center; margin: 0 0 16px; font: 14px system-ui, sans-serif; }\n.fk-print-bar button { font: inherit; padding: 4px 12px; cursor: pointer; }\n@media print { .fk-print-bar { display: none; } }`;
  page.head.append(style);
  const root = page.getElementById('root')!;
  if (!doc) {
    page.title = t('missingTitle');
    root.textContent = t('missing');
    return;
  }
  page.title = doc.title;
  const bar = page.createElement('div');
  bar.className = 'fk-print-bar';
  const button = page.createElement('button');
  button.type = 'button';
  button.textContent = t('print');
  button.addEventListener('click', () => page.defaultView?.print());
  const hint = page.createElement('span');
  hint.textContent = t('hint');
  bar.append(button, hint);
  const body = page.createElement('div');
  // renderHtml escapes every piece of user text; no script or handler can come through it.
  body.innerHTML = renderHtml(doc);
  root.replaceChildren(bar, body);
  if (request.print) {
    await page.fonts?.ready;
    page.defaultView?.print();
  }
}

import { ReportDocumentSchema, type ReportDocument } from '../../lib/reports/export/document';

/**
 * A report document handed to the print page (report-print.html#doc=<key>) through the extension's
 * own localStorage: extension pages share it, pages on the web never see it. The last few are kept
 * so reloading the print page still works; older ones are dropped.
 */
const PREFIX = 'fieldkit.print.';
const KEEP = 5;

export function handOffForPrint(document: ReportDocument, storage: Storage = localStorage): string {
  const key = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const old = Object.keys(storage)
    .filter((name) => name.startsWith(PREFIX))
    .sort();
  for (const name of old.slice(0, Math.max(0, old.length - (KEEP - 1)))) storage.removeItem(name);
  storage.setItem(`${PREFIX}${key}`, JSON.stringify(document));
  return key;
}

/** The handed-off document, checked; undefined when it is gone or not a document. */
export function takeHandedOff(key: string, storage: Storage = localStorage): ReportDocument | undefined {
  const raw = storage.getItem(`${PREFIX}${key}`);
  if (!raw) return undefined;
  try {
    const parsed = ReportDocumentSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

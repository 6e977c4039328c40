import { useEffect, useState } from 'react';
import { captureOfHash } from '../../lib/intel/capture-target';

/**
 * Intents the side panel can be opened with, in its hash: `#today/visit/<dealerId>` (log a visit
 * at a dealer), `#intel/new/<dealerId>` (log intel for a dealer). The KPI panel's quick actions
 * open them (on HubSpot, through the background). A view takes its intent once, then the hash
 * goes back to the bare section so a reload does not open the form again.
 */
const INTENT = /^#(today\/visit|intel\/new)\/([0-9A-HJKMNP-TV-Z]{26})$/;

export type HashIntent = { kind: 'logVisit' | 'logIntel'; dealerId: string };

export function hashIntentOf(hash: string): HashIntent | undefined {
  const match = INTENT.exec(hash);
  if (!match) return undefined;
  return { kind: match[1] === 'today/visit' ? 'logVisit' : 'logIntel', dealerId: match[2]! };
}

export function hashOfIntent(intent: HashIntent): string {
  return `#${intent.kind === 'logVisit' ? 'today/visit' : 'intel/new'}/${intent.dealerId}`;
}

/**
 * The dealer of the intent for `kind` the view was opened with, read once; the hash then goes
 * back to the bare section (after render: state initialisers must stay pure).
 */
export function useHashIntent(kind: HashIntent['kind']): string | undefined {
  const [dealerId] = useState(() => {
    const intent = hashIntentOf(location.hash);
    return intent?.kind === kind ? intent.dealerId : undefined;
  });
  useEffect(() => {
    if (dealerId && hashIntentOf(location.hash)) history.replaceState(null, '', `#${kind === 'logVisit' ? 'today' : 'intel'}`);
  }, [dealerId, kind]);
  return dealerId;
}

/**
 * A report to open: `#reports/<kind>/<periodStart>` — a reminder's notification opens the form of
 * the report it is about (a daily report is written on Today).
 */
const REPORT_INTENT = /^#reports\/(daily|weekly|monthly|inspection)\/(\d{4}-\d{2}-\d{2})$/;

export type ReportIntent = { kind: 'daily' | 'weekly' | 'monthly' | 'inspection'; periodStart: string };

export function reportIntentOf(hash: string): ReportIntent | undefined {
  const match = REPORT_INTENT.exec(hash);
  return match ? { kind: match[1] as ReportIntent['kind'], periodStart: match[2]! } : undefined;
}

export function hashOfReportIntent(intent: ReportIntent): string {
  return `#reports/${intent.kind}/${intent.periodStart}`;
}

/**
 * One click: `#reports/build/weekly` (or monthly) opens Reports and builds the report that is due
 * from the rep's records — the popup's button and the keyboard command open the panel that way.
 */
const BUILD_INTENT = /^#reports\/build\/(weekly|monthly)$/;

export function buildIntentOf(hash: string): 'weekly' | 'monthly' | undefined {
  return BUILD_INTENT.exec(hash)?.[1] as 'weekly' | 'monthly' | undefined;
}

/**
 * A capture the side panel was opened with (`#intel/capture?url=…&title=…`): the page the quick
 * form could not be injected into. Read once; the hash then goes back to `#intel`.
 */
export function useCaptureIntent(): { sourceUrl?: string; sourceTitle?: string } | undefined {
  const [capture] = useState(() => captureOfHash(location.hash));
  useEffect(() => {
    if (capture && captureOfHash(location.hash)) history.replaceState(null, '', '#intel');
  }, [capture]);
  return capture;
}

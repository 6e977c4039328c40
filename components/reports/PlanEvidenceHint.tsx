import type { PlanEvidence } from '../../lib/reports/snapshot-schema';
import { formatDay } from '../../lib/kernel/format';
import { useLocale, useT } from '../shell/locale';
import { cn } from '../ui';
import { exportBarMessages } from './export-messages';

const TONES = { done: 'text-ok', partly: 'text-warn', not: 'text-danger', unknown: 'text-muted' } as const;

/**
 * What the records say about one item of last period's plan: the suggestion, the promised number
 * against the achieved one, and the visits and daily lines behind it. The rep decides.
 */
export function PlanEvidenceHint({ evidence, dealersById, periodStart }: { evidence: PlanEvidence | undefined; dealersById: Record<string, string>; periodStart: string }) {
  const t = useT(exportBarMessages);
  const locale = useLocale();
  if (!evidence) return null;
  const year = periodStart.slice(0, 4);
  const day = (d: string) => formatDay(d, locale, d.slice(0, 4) === year ? 'short' : 'date');
  const pieces = [
    ...(evidence.target ? [t('target', { achieved: evidence.target.achieved, promised: evidence.target.promised })] : []),
    ...evidence.evidence.map((e) => `${day(e.day)} ${e.kind === 'visit' ? t('evidenceVisit', { dealer: e.text || dealersById[evidence.dealerIds[0] ?? ''] || '' }) : `“${e.text}”`}`),
  ];
  return (
    <p className="m-0 basis-full text-xs text-muted" data-testid="plan-evidence">
      <span className={cn('font-medium', TONES[evidence.suggestion])}>{t('recordsShow', { suggestion: t(`suggestion_${evidence.suggestion}`) })}</span>
      {pieces.length > 0 && <span> · {pieces.join(' · ')}</span>}
    </p>
  );
}

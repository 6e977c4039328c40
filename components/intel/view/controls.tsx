import { useMemo } from 'react';
import { useT } from '../../shell/locale';
import { useQuery } from '../../shell/database-context';
import { Field, SegmentedControl, selectClass } from '../../ui';
import { intelCompetitorNames } from '../../../lib/intel/queries';
import { competitorOptions, PERIODS, type CompetitorOption, type Period, type ViewResolver } from '../../../lib/intel/browse';
import { intelViewMessages } from './messages';

const NO_ARGS = {};

/**
 * Competitors already in intel, grouped by canonical name (the names each is stored under travel
 * with it). Not read until `enabled`: the list opens without it.
 */
export function useCompetitorOptions(resolver: ViewResolver, enabled = true): CompetitorOption[] | undefined {
  const names = useQuery(intelCompetitorNames, enabled ? NO_ARGS : undefined);
  return useMemo(() => names && competitorOptions(names, resolver), [names, resolver]);
}

const PERIOD_KEYS = { '30': 'period30', '90': 'period90', '365': 'period365', all: 'periodAll' } as const;

/** The period the timeline, the chart and the promotion counts cover, ending today. */
export function PeriodControl({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const t = useT(intelViewMessages);
  return <SegmentedControl label={t('period')} options={PERIODS.map((p) => ({ value: p, label: t(PERIOD_KEYS[p]) }))} value={value} onChange={onChange} />;
}

/** One competitor to look at. `value` is a canonical key; '' shows the prompt. */
export function CompetitorSelect({ options, value, onChange }: { options: readonly CompetitorOption[]; value: string; onChange: (key: string) => void }) {
  const t = useT(intelViewMessages);
  return (
    <Field label={t('competitor')}>
      {(control) => (
        <select {...control} className={selectClass} value={value} onChange={(e) => onChange(e.target.value)}>
          {!value && <option value="">{t('chooseCompetitor')}</option>}
          {options.map((option) => (
            <option key={option.key} value={option.key}>
              {option.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

import { useMemo, useRef, useState, type ReactNode } from 'react';
import { ImportData } from './import/ImportData';
import { hashOfIntent } from '../shell/hash-intent';
import { useLiveQuery } from 'dexie-react-hooks';
import { ArrowLeft } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { useDatabase, useQuery } from '../shell/database-context';
import { Button, Field, Notice, selectClass } from '../ui';
import { dealersMessages } from './messages';
import { DealerPanel, type DealerPanelActions } from './DealerPanel';
import { addMonthsTo, monthOf, today } from '../../lib/kernel/dates';
import { formatMonth } from '../../lib/kernel/format';
import { dealerKind } from '../../lib/dealers/kind';
import { dealersByIds } from '../../lib/dealers/queries';
import { defaultPanelPeriod, loadDealerPanel } from '../../lib/dealers/panel-data';
import type { Dealer } from '../../lib/dealers/schema';

/** How many months back the month picker offers. */
const MONTHS_BACK = 24;

/**
 * A dealer's page in the side panel: its KPI panel for a chosen month, what Fieldkit keeps about
 * it (editable: `children`), and its customer file as the CRM holds it.
 */
export function DealerPage({ dealerId, onBack, actions, children }: { dealerId: string; onBack(): void; actions?: DealerPanelActions; children?: (dealer: Dealer) => ReactNode }) {
  const td = useT(dealersMessages);
  const locale = useLocale();
  const db = useDatabase();
  const current = monthOf(today());
  // The month with numbers (early in a month, the last one), until the user picks another.
  const [picked, setPicked] = useState<string>();
  const opening = useLiveQuery(() => defaultPanelPeriod(db, dealerId, today()), [db, dealerId]);
  const period = picked ?? opening;
  const months = useMemo(() => Array.from({ length: MONTHS_BACK }, (_, i) => addMonthsTo(current, -i)), [current]);
  const found = useQuery(dealersByIds, { ids: [dealerId] });
  const dealer = found?.[0];
  // Live: a visit card, intel item or imported figure saved anywhere updates the panel.
  const model = useLiveQuery(() => (period ? loadDealerPanel(db, dealerId, period) : undefined), [db, dealerId, period]);
  const importSection = useRef<HTMLDetailsElement>(null);
  const openImport = () => {
    const section = importSection.current;
    if (!section) return;
    section.open = true;
    section.scrollIntoView({ block: 'start' });
  };
  const file = useMemo(() => (dealer ? dealerKind.crm?.render(dealer, { locale, dealerName: () => undefined }) : undefined), [dealer, locale]);

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div>
        <Button size="sm" variant="ghost" onClick={onBack}>
          <ArrowLeft aria-hidden="true" className="size-3.5" />
          {td('backToDealers')}
        </Button>
      </div>
      {found && !dealer && <Notice tone="warn">{td('notFound')}</Notice>}
      <Field label={td('month')}>
        {(control) => (
          <select {...control} value={period ?? current} onChange={(event) => setPicked(event.target.value)} className={selectClass}>
            {months.map((month) => (
              <option key={month} value={month}>
                {formatMonth(month, locale)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {model && (
        <DealerPanel
          model={model}
          actions={{
            importData: openImport,
            logVisit: () => (location.hash = hashOfIntent({ kind: 'logVisit', dealerId })),
            logIntel: () => (location.hash = hashOfIntent({ kind: 'logIntel', dealerId })),
            ...actions,
          }}
        />
      )}
      {dealer && children?.(dealer)}
      <details ref={importSection} className="rounded-lg border border-line bg-surface p-3">
        <summary className="cursor-pointer text-sm font-semibold">{td('importSummary')}</summary>
        <div className="pt-3">
          <ImportData headingLevel={3} />
        </div>
      </details>
      {file && (
        <section aria-labelledby="fk-customer-file" className="flex flex-col gap-2">
          <h3 id="fk-customer-file" className="m-0 text-base font-semibold">
            {td('customerFileTitle')}
          </h3>
          <dl className="m-0 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
            {file.lines.map((line) => (
              <div key={line.label.en} className="contents">
                <dt className="text-muted">{line.label[locale]}</dt>
                <dd className="m-0 break-words">{line.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}

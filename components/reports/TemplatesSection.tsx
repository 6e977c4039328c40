import { Clock } from 'lucide-react';
import { useT } from '../shell/locale';
import { Badge, Card, hintClass } from '../ui';
import { DEFAULT_TEMPLATES } from '../../lib/reports/templates';
import type { Template } from '../../lib/reports/schema';
import { diaryEditorMessages, templatesMessages, type DiaryEditorMessageKey } from './messages';

type Kind = Template['kind'];
type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The parts of each report, in the order the editor shows them, by their labels in the editor. */
const SECTIONS: Record<Kind, { field: string; label: DiaryEditorMessageKey }[]> = {
  daily: [
    { field: 'todayWork', label: 'todayWork' },
    { field: 'tomorrowPlan', label: 'tomorrowPlan' },
    { field: 'problems', label: 'problems' },
  ],
  weekly: [
    { field: 'lastWeekSummary', label: 'lastWeekSummary' },
    { field: 'nextWeekPlan', label: 'nextWeekPlan' },
    { field: 'keyAccountVisits', label: 'keyAccountVisits' },
    { field: 'gradeChanges', label: 'gradeChanges' },
    { field: 'lateReason', label: 'lateReason' },
  ],
  monthly: [
    { field: 'results', label: 'results' },
    { field: 'problems', label: 'monthProblems' },
    { field: 'nextMonthPlan', label: 'nextMonthPlan' },
    { field: 'localProposal', label: 'localProposal' },
  ],
  inspection: [
    { field: 'learned', label: 'learned' },
    { field: 'handled', label: 'handled' },
    { field: 'guided', label: 'guided' },
  ],
};

/**
 * Options › Templates: what each built-in report asks for and when it is due, in words. Read-only:
 * changing templates comes with manager review.
 */
export function TemplatesSection() {
  const t = useT(templatesMessages);
  return (
    <div className="flex flex-col gap-3">
      <p className="m-0 text-sm text-muted">{t('intro')}</p>
      <ul className="m-0 grid list-none grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-3 p-0">
        {DEFAULT_TEMPLATES.map((template) => (
          <li key={template.id} className="flex">
            <TemplateCard template={template} />
          </li>
        ))}
      </ul>
      <p className={hintClass}>{t('editingLater')}</p>
    </div>
  );
}

function TemplateCard({ template }: { template: Template }) {
  const t = useT(templatesMessages);
  const te = useT(diaryEditorMessages);
  const required = new Set(template.requiredFields);
  const weekday = (day: number) => t(`weekday_${(((day - 1) % 7) + 7) % 7 + 1}` as `weekday_${Weekday}`);

  const due = (): string => {
    const { deadline } = template;
    if (deadline.dayOfWeek) {
      const grace = deadline.graceUntil;
      if (!grace) return t('dueWeekly', { weekday: weekday(deadline.dayOfWeek), time: deadline.time });
      return t(grace.reasonRequired ? 'dueWeeklyGraceReason' : 'dueWeeklyGrace', {
        weekday: weekday(deadline.dayOfWeek),
        time: deadline.time,
        graceWeekday: weekday(deadline.dayOfWeek + grace.dayOffset),
        graceTime: grace.time,
      });
    }
    if (deadline.dayOfMonth === 'last') return t('dueMonthLastDay', { time: deadline.time });
    if (deadline.dayOfMonth) return t('dueMonthDay', { day: deadline.dayOfMonth, time: deadline.time });
    return t('dueSameDay', { time: deadline.time });
  };

  const reminder = (): string => {
    const minutes = template.remindBeforeMinutes;
    if (minutes <= 0) return t('noReminder');
    if (minutes % 1440 === 0) return t('remindDays', { n: minutes / 1440 });
    if (minutes % 60 === 0) return t('remindHours', { n: minutes / 60 });
    return t('remindMinutes', { n: minutes });
  };

  return (
    <Card className="w-full gap-2">
      <h3 className="m-0 text-base font-semibold">
        {t(`name_${template.kind}`)}
      </h3>
      <p className="m-0 flex items-start gap-1.5 text-sm">
        <Clock aria-hidden="true" className="mt-px size-4 shrink-0 text-muted" />
        <span>{due()}</span>
      </p>
      <dl className="m-0 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-muted">{t('sections')}</dt>
        <dd className="m-0">
          <ul className="m-0 flex list-none flex-col gap-1 p-0">
            {SECTIONS[template.kind].map((section) => (
              <li key={section.field} className="flex flex-wrap items-center gap-x-1.5">
                <span>{te(section.label)}</span>
                {required.has(section.field) && <Badge tone="accent">{t('required')}</Badge>}
              </li>
            ))}
            {template.kind === 'daily' && <li className="text-muted">{t('attachedVisits')}</li>}
          </ul>
          {template.minKeyAccountVisits ? <p className="m-0 mt-1.5 text-muted">{t('minVisits', { count: template.minKeyAccountVisits })}</p> : null}
        </dd>
        <dt className="text-muted">{t('reminder')}</dt>
        <dd className="m-0">{reminder()}</dd>
      </dl>
    </Card>
  );
}

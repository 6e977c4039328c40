import { useT } from '../shell/locale';
import { optionsMessages, weekdayNames } from '../pages/options/messages';
import { DEFAULT_TEMPLATES } from '../../lib/reports/templates';
import type { Template } from '../../lib/reports/schema';

const TITLES = {
  daily: 'templateDaily',
  weekly: 'templateWeekly',
  monthly: 'templateMonthly',
  inspection: 'templateInspection',
} as const;

export function TemplatesSection() {
  const t = useT(optionsMessages);
  const day = useT(weekdayNames);
  const due = (template: Template) => {
    const { deadline } = template;
    if (deadline.dayOfWeek) {
      const grace = deadline.graceUntil;
      const graceDay = grace ? (((deadline.dayOfWeek - 1 + grace.dayOffset) % 7) + 1) : deadline.dayOfWeek;
      return t('dueWeekly', {
        weekday: day(String(deadline.dayOfWeek) as '1'),
        time: deadline.time,
        graceWeekday: day(String(graceDay) as '1'),
        graceTime: grace?.time ?? deadline.time,
      });
    }
    if (deadline.dayOfMonth) return t('dueMonthly', { time: deadline.time });
    return t('dueDaily', { time: deadline.time });
  };
  return (
    <div className="fk-stack">
      <p className="fk-muted">{t('templatesIntro')}</p>
      <ul className="fk-list">
        {DEFAULT_TEMPLATES.map((template) => (
          <li key={template.id}>
            <strong>{t(TITLES[template.kind])}</strong> — {due(template)}
            {template.minKeyAccountVisits ? <> · {t('minVisits', { count: template.minKeyAccountVisits })}</> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

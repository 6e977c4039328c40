import { useId, useState, type FormEvent } from 'react';
import { useDeadlineOverrides } from './use-deadline-rules';
import { saveDeadlineOverrides } from '../../lib/reports/deadline-store';
import { Clock } from 'lucide-react';
import { useLocale, useT } from '../shell/locale';
import { useDatabase, useSetting } from '../shell/database-context';
import { Badge, Button, Checkbox, ErrorDetails, Field, Notice, hintClass, inputClass, selectClass } from '../ui';
import {
  DEADLINE_SUBJECTS,
  DEFAULT_DEADLINE_RULES,
  DeadlineRule,
  deadlineRulesFrom,
  isDeadlineSubject,
  type DeadlineSubject,
} from '../../lib/reports/deadline-rules';
import { deadlineRulesMessages, deadlineWordsMessages, describeDeadline, subjectName } from './deadline-messages';

type RuleType = DeadlineRule['type'];
const RULE_TYPES: RuleType[] = ['sameDay', 'weekday', 'monthDay', 'withinDays'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

/** What the form holds: every field of every kind of rule, as typed, so switching kinds loses nothing. */
interface Draft {
  type: RuleType;
  time: string;
  weekday: number;
  weekOffset: number;
  grace: boolean;
  graceWeekday: number;
  graceTime: string;
  day: string; // '1'…'31' or 'last'
  month: 'same' | 'next';
  days: string;
}

type DraftError = Partial<Record<'time' | 'graceTime' | 'days', 'badTime' | 'badDays' | 'graceNotLater'>>;

function draftOf(rule: DeadlineRule): Draft {
  const draft: Draft = { type: rule.type, time: rule.time, weekday: 5, weekOffset: 0, grace: false, graceWeekday: 1, graceTime: '09:00', day: '1', month: 'same', days: '5' };
  if (rule.type === 'weekday') {
    Object.assign(draft, { weekday: rule.weekday, weekOffset: rule.weekOffset ?? 0, grace: Boolean(rule.grace) });
    if (rule.grace) Object.assign(draft, { graceWeekday: rule.grace.weekday, graceTime: rule.grace.time });
  }
  if (rule.type === 'monthDay') Object.assign(draft, { day: String(rule.day), month: rule.month });
  if (rule.type === 'withinDays') draft.days = String(rule.days);
  return draft;
}

/** "9:00" → "09:00"; anything not a 24-hour time → undefined. */
function normalTime(text: string): string | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const time = `${match[1]!.padStart(2, '0')}:${match[2]}${match[3] ? `:${match[3]}` : ''}`;
  return DeadlineRule.safeParse({ type: 'sameDay', time }).success ? time : undefined;
}

const seconds = (time: string) => time.split(':').map(Number).reduce((sum, n, i) => sum + n * [3600, 60, 1][i]!, 0);

/** The rule a draft says, or which fields are wrong. The schema has the last word. */
function ruleOf(draft: Draft): { rule: DeadlineRule } | { errors: DraftError } {
  const errors: DraftError = {};
  const time = normalTime(draft.time);
  if (!time) errors.time = 'badTime';
  let candidate: unknown;
  if (draft.type === 'sameDay') candidate = { type: 'sameDay', time };
  if (draft.type === 'weekday') {
    let grace: { weekday: number; time: string } | undefined;
    if (draft.grace) {
      const graceTime = normalTime(draft.graceTime);
      if (!graceTime) errors.graceTime = 'badTime';
      else if (time && draft.graceWeekday === draft.weekday && seconds(graceTime) <= seconds(time)) errors.graceTime = 'graceNotLater';
      grace = graceTime ? { weekday: draft.graceWeekday, time: graceTime } : undefined;
    }
    candidate = { type: 'weekday', weekday: draft.weekday, time, ...(draft.weekOffset ? { weekOffset: draft.weekOffset } : {}), ...(grace ? { grace } : {}) };
  }
  if (draft.type === 'monthDay') candidate = { type: 'monthDay', day: draft.day === 'last' ? 'last' : Number(draft.day), time, month: draft.month };
  if (draft.type === 'withinDays') {
    const days = /^\s*\d+\s*$/.test(draft.days) ? Number(draft.days) : NaN;
    if (!Number.isInteger(days) || days < 0 || days > 366) errors.days = 'badDays';
    candidate = { type: 'withinDays', days, time };
  }
  if (Object.keys(errors).length > 0) return { errors };
  const parsed = DeadlineRule.safeParse(candidate);
  if (!parsed.success) return { errors: { time: 'badTime' } };
  return { rule: parsed.data };
}

const sameRule = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Status = { kind: 'saved' | 'restored'; subject: DeadlineSubject; rule?: DeadlineRule } | { kind: 'failed' };

/**
 * Options › Deadlines: every subject's deadline in words. An admin (`canEdit`) changes a rule or
 * restores its default; the change is kept in the `deadlineRules` setting and applies to every
 * submission after it (outcomes already recorded stay). Anyone else reads the rules, with a hint
 * why they cannot change them.
 */
export function DeadlineRulesSection({ canEdit }: { canEdit: boolean }) {
  const t = useT(deadlineRulesMessages);
  const locale = useLocale();
  const db = useDatabase();
  const overrides = useDeadlineOverrides();
  const profile = useSetting('profile');
  const [editing, setEditing] = useState<DeadlineSubject | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  if (overrides === undefined) return <p className="m-0 text-sm text-muted">{t('loading')}</p>;
  const { rules, problems } = deadlineRulesFrom(overrides);
  const stored = (subject: DeadlineSubject) => overrides[subject] !== undefined && overrides[subject] !== null;
  const invalid = new Set(problems.map((p) => p.subject));

  const write = async (next: Record<string, unknown>, done: Status) => {
    try {
      await saveDeadlineOverrides(db, next, { id: profile?.id ?? 'local-user', name: profile?.name ?? '@me' });
      setStatus(done);
      return true;
    } catch {
      setStatus({ kind: 'failed' });
      return false;
    }
  };
  const save = async (subject: DeadlineSubject, rule: DeadlineRule) => {
    const next = { ...overrides };
    if (sameRule(rule, DEFAULT_DEADLINE_RULES[subject])) delete next[subject];
    else next[subject] = rule;
    if (await write(next, { kind: 'saved', subject, rule })) setEditing(null);
  };
  const restore = async (subject: DeadlineSubject) => {
    const next = { ...overrides };
    delete next[subject];
    if (await write(next, { kind: 'restored', subject })) setEditing((current) => (current === subject ? null : current));
  };

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <p className="m-0 text-sm text-muted">{t('intro')}</p>
      {!canEdit && <Notice tone="info">{t('readOnly')}</Notice>}
      {problems
        .filter((p) => isDeadlineSubject(p.subject))
        .map((p) => (
          <div key={p.subject} className="flex flex-col gap-1">
            <Notice tone="warn">{t(canEdit ? 'storedInvalid' : 'storedInvalidReadOnly', { subject: subjectName(p.subject, locale) })}</Notice>
            <ErrorDetails summary={t('details')}>{p.message}</ErrorDetails>
          </div>
        ))}
      <div role="status" aria-live="polite" className="empty:hidden">
        {status?.kind === 'saved' && <Notice tone="ok">{t('saved', { subject: subjectName(status.subject, locale), rule: describeDeadline(status.rule!, locale) })}</Notice>}
        {status?.kind === 'restored' && <Notice tone="ok">{t('restored', { subject: subjectName(status.subject, locale) })}</Notice>}
      </div>
      {status?.kind === 'failed' && (
        <Notice tone="danger" role="alert">
          {t('saveFailed')}
        </Notice>
      )}
      <ul className="m-0 flex list-none flex-col divide-y divide-line rounded-lg border border-line bg-surface p-0">
        {DEADLINE_SUBJECTS.map((subject) => {
          const name = subjectName(subject, locale);
          const broken = invalid.has(subject);
          const changed = stored(subject) && !broken;
          return (
            <li key={subject} className="flex min-w-0 flex-col gap-1 px-3 py-2.5">
              <div className="flex min-w-0 flex-wrap items-center justify-between gap-x-3 gap-y-1.5">
                <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="text-sm font-semibold">{name}</span>
                  {changed && <Badge tone="accent">{t('changed')}</Badge>}
                  {broken && <Badge tone="warn">{t('notValid')}</Badge>}
                </div>
                {canEdit && editing !== subject && (
                  <div className="ml-auto flex shrink-0 flex-wrap gap-2">
                    {(changed || broken) && (
                      <Button size="sm" variant="ghost" aria-label={t('restoreLabel', { subject: name })} onClick={() => void restore(subject)}>
                        {t('restore')}
                      </Button>
                    )}
                    <Button size="sm" aria-label={t('editLabel', { subject: name })} onClick={() => { setEditing(subject); setStatus(null); }}>
                      {t('edit')}
                    </Button>
                  </div>
                )}
              </div>
              <p className="m-0 flex items-start gap-1.5 text-sm">
                <Clock aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-muted" />
                <RuleWords text={describeDeadline(rules[subject], locale)} />
              </p>
              {changed && <p className={hintClass}>{t('defaultWas', { rule: describeDeadline(DEFAULT_DEADLINE_RULES[subject], locale) })}</p>}
              {canEdit && editing === subject && (
                <RuleForm key={subject} subject={subject} rule={rules[subject]} onSave={(rule) => save(subject, rule)} onCancel={() => setEditing(null)} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A rule in words, its clauses ("每周五 18:00；" / "周一 09:00 前须说明原因") kept whole when the line wraps. */
function RuleWords({ text }: { text: string }) {
  return (
    <span className="min-w-0">
      {text.split(/(?<=；|; )/).map((clause, i) => (
        <span key={i} className="inline-block">
          {clause}
        </span>
      ))}
    </span>
  );
}

function RuleForm({ subject, rule, onSave, onCancel }: { subject: DeadlineSubject; rule: DeadlineRule; onSave: (rule: DeadlineRule) => Promise<void>; onCancel: () => void }) {
  const t = useT(deadlineRulesMessages);
  const w = useT(deadlineWordsMessages);
  const locale = useLocale();
  const [draft, setDraft] = useState<Draft>(() => draftOf(rule));
  const [errors, setErrors] = useState<DraftError>({});
  const [saving, setSaving] = useState(false);
  const titleId = useId();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key === 'type' || key === 'grace') setErrors({});
    else if (key in errors) setErrors(({ [key as keyof DraftError]: _fixed, ...rest }) => rest);
  };
  const result = ruleOf(draft);
  const refused = Object.keys(errors).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await onSave(result.rule);
    } finally {
      setSaving(false);
    }
  };
  const message = (key: keyof DraftError) => (errors[key] ? t(errors[key]!) : undefined);
  const weekdayOptions = WEEKDAYS.map((d) => (
    <option key={d} value={d}>
      {w(`weekday_${d}`)}
    </option>
  ));
  const timeField = (key: 'time' | 'graceTime', label: string) => (
    <Field label={label} hint={key === 'time' ? t('timeHint') : undefined} error={message(key)}>
      {(control) => (
        <input {...control} className={inputClass} inputMode="numeric" autoComplete="off" placeholder="18:00" value={draft[key]} onChange={(e) => set(key, e.target.value)} />
      )}
    </Field>
  );

  return (
    <form aria-labelledby={titleId} onSubmit={submit} noValidate className="flex min-w-0 flex-col gap-3 rounded-md bg-soft p-3">
      <p id={titleId} className="m-0 text-sm font-semibold">
        {t('editing', { subject: subjectName(subject, locale) })}
      </p>
      <div className="grid min-w-0 gap-3 sm:grid-cols-2">
        <Field label={t('type')}>
          {(control) => (
            <select {...control} className={selectClass} value={draft.type} onChange={(e) => set('type', e.target.value as RuleType)}>
              {RULE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`type_${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.type === 'weekday' && (
          <Field label={t('weekday')}>
            {(control) => (
              <select {...control} className={selectClass} value={draft.weekday} onChange={(e) => set('weekday', Number(e.target.value))}>
                {weekdayOptions}
              </select>
            )}
          </Field>
        )}
        {draft.type === 'monthDay' && (
          <>
            <Field label={t('day')}>
              {(control) => (
                <select {...control} className={selectClass} value={draft.day} onChange={(e) => set('day', e.target.value)}>
                  {MONTH_DAYS.map((d) => (
                    <option key={d} value={String(d)}>
                      {d}
                    </option>
                  ))}
                  <option value="last">{t('lastDay')}</option>
                </select>
              )}
            </Field>
            <Field label={t('month')}>
              {(control) => (
                <select {...control} className={selectClass} value={draft.month} onChange={(e) => set('month', e.target.value as Draft['month'])}>
                  <option value="same">{t('month_same')}</option>
                  <option value="next">{t('month_next')}</option>
                </select>
              )}
            </Field>
          </>
        )}
        {draft.type === 'withinDays' && (
          <Field label={t('days')} hint={t('daysHint')} error={message('days')}>
            {(control) => <input {...control} className={inputClass} inputMode="numeric" autoComplete="off" value={draft.days} onChange={(e) => set('days', e.target.value)} />}
          </Field>
        )}
        {timeField('time', t('time'))}
      </div>
      {draft.type === 'weekday' && (
        <>
          <Checkbox label={t('grace')} checked={draft.grace} onChange={(e) => set('grace', e.target.checked)} />
          {draft.grace && (
            <div className="grid min-w-0 gap-3 sm:grid-cols-2">
              <Field label={t('graceWeekday')}>
                {(control) => (
                  <select {...control} className={selectClass} value={draft.graceWeekday} onChange={(e) => set('graceWeekday', Number(e.target.value))}>
                    {weekdayOptions}
                  </select>
                )}
              </Field>
              {timeField('graceTime', t('graceTime'))}
            </div>
          )}
        </>
      )}
      {'rule' in result && <p className={hintClass}>{t('preview', { rule: describeDeadline(result.rule, locale) })}</p>}
      {refused && (
        <Notice tone="danger" role="alert">
          {t('notSaved')}
        </Notice>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" size="sm" disabled={saving}>
          {t('save')}
        </Button>
        <Button size="sm" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

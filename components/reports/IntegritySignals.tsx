import { useId } from 'react';
import { Notice } from '../ui';
import { useLocale, useT } from '../shell/locale';
import { formatDay, formatMonth, formatWeek } from '../../lib/kernel/format';
import { isoWeekOf, monthOf } from '../../lib/kernel/dates';
import type { Locale, Translate } from '../../lib/kernel/i18n';
import type { IntegritySignal } from '../../lib/reports/integrity';
import { integrityMessages, type IntegrityMessageKey } from './integrity-messages';

export type IntegrityAudience = 'manager' | 'rep';

/** What the report is about reads as content; these two are about its quality. */
const WARN: ReadonlySet<IntegritySignal['kind']> = new Set(['sameAsEarlier', 'copiedInventory']);

const KINDS = ['daily', 'weekly', 'monthly', 'inspection'] as const;
type Kind = (typeof KINDS)[number];

/**
 * A date kept on one line inside a sentence: "11月22日" must not wrap as "11 / 月22日", nor
 * "Sun 22 Nov" as "Sun 22 / Nov" (word joiners between Chinese characters, no-break spaces).
 */
function unbroken(text: string): string {
  const spaced = text.replace(/ /g, '\u00a0');
  return /\p{Script=Han}/u.test(spaced) ? Array.from(spaced).join('\u2060') : spaced;
}

/** A day in the UI language: with its weekday this year, with its year otherwise. */
function dayText(day: string, locale: Locale, now: Date): string {
  return unbroken(formatDay(day, locale, day.slice(0, 4) === String(now.getFullYear()) ? 'short' : 'date'));
}

/** The period an entry of `kind` starting on `day` is about: a day, a week or a month. */
function periodText(kind: Kind, day: string, locale: Locale, now: Date): string {
  if (kind === 'weekly') return unbroken(formatWeek(isoWeekOf(day), locale));
  if (kind === 'monthly') return unbroken(formatMonth(monthOf(day), locale));
  return dayText(day, locale, now);
}

function listText(items: string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

/** The sentence that says why a signal fired, or nothing for a signal this version does not know. */
function sentence(signal: IntegritySignal, audience: IntegrityAudience, t: Translate<IntegrityMessageKey>, locale: Locale, now: Date): string | undefined {
  const p = signal.params;
  const kind: Kind = KINDS.includes(p.entryKind as Kind) ? (p.entryKind as Kind) : 'daily';
  const str = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : '');
  const num = (name: string) => (typeof p[name] === 'number' ? (p[name] as number) : Number(p[name] ?? 0));
  const days = (name: string) => listText(str(name).split(',').filter(Boolean).map((d) => dayText(d, locale, now)), locale);
  const vars: Record<string, string | number> = { what: t(`what_${kind}`) };
  let key: string;
  switch (signal.kind) {
    case 'writtenLate':
      key = `writtenLate_${kind === 'weekly' || kind === 'monthly' ? 'period' : 'day'}`;
      Object.assign(vars, { reported: dayText(str('reportedDay'), locale, now), written: dayText(str('writtenDay'), locale, now), days: num('days') });
      break;
    case 'manyDaysInOne':
      key = `manyDaysInOne_${str('basis')}`;
      // Named days are days; the other entries of a sitting are periods of the entry's kind.
      Object.assign(vars, {
        days: str('basis') === 'sitting' ? listText(str('days').split(',').filter(Boolean).map((d) => periodText(kind, d, locale, now)), locale) : days('days'),
        others: Math.max(1, num('count') - 1),
        written: dayText(str('writtenDay'), locale, now),
        minutes: num('minutes'),
      });
      break;
    case 'oneDaySpread':
      key = `oneDaySpread_${str('basis')}`;
      Object.assign(vars, {
        earlier: periodText(kind, str('earlierDay'), locale, now),
        later: periodText(kind, str('laterDay'), locale, now),
        lines: num('lines'),
        visits: num('visits'),
        days: days('days'),
      });
      break;
    case 'sameAsEarlier':
      key = `sameAsEarlier_${str('basis')}`;
      Object.assign(vars, { earlier: periodText(kind, str('earlierDay'), locale, now), similarity: num('similarity'), lines: num('lines'), ofLines: num('ofLines'), marker: str('marker') });
      break;
    case 'copiedInventory':
      key = 'copiedInventory';
      Object.assign(vars, { dealers: num('dealers'), cards: num('cards'), ofCards: num('ofCards'), percent: num('percent') });
      break;
    case 'editedAfterSubmit':
      key = 'editedAfterSubmit';
      Object.assign(vars, { by: str('by'), day: dayText(str('day'), locale, now), time: str('time'), fields: num('fields') });
      break;
    default:
      return undefined;
  }
  const full = `${audience}_${key}`;
  if (!(full in integrityMessages.en)) return undefined;
  return t(full as IntegrityMessageKey, vars);
}

/**
 * An entry's integrity signals as a calm list, one sentence each saying why it fired, worded for
 * the manager reading the report or the rep who wrote it. Nothing at all when there are none.
 * `now` decides which days need their year (tests pass it).
 */
export function IntegritySignals({ signals, audience, now = new Date() }: { signals: IntegritySignal[]; audience: IntegrityAudience; now?: Date }) {
  const t = useT(integrityMessages);
  const locale = useLocale();
  const headingId = useId();
  const items = signals.flatMap((signal, index) => {
    const text = sentence(signal, audience, t, locale, now);
    return text ? [{ key: `${signal.kind}-${index}`, tone: WARN.has(signal.kind) ? ('warn' as const) : ('info' as const), text }] : [];
  });
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2" data-testid="integrity-signals">
      <div className="flex flex-col gap-0.5">
        <h3 id={headingId} className="m-0 text-sm font-semibold text-ink">
          {t(`title_${audience}`, { count: items.length })}
        </h3>
        <p className="m-0 text-xs text-muted">{t(`hint_${audience}`)}</p>
      </div>
      <ul className="m-0 flex list-none flex-col gap-2 p-0">
        {items.map((item) => (
          <li key={item.key}>
            <Notice tone={item.tone}>{item.text}</Notice>
          </li>
        ))}
      </ul>
    </section>
  );
}

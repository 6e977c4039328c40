import { createElement } from 'react';
import type { Author } from '../../lib/kernel/record';
import { deadlineRulesFrom } from '../../lib/reports/deadline-rules';
import { deadlineOf, deviceTimeZone, phaseAt } from '../../lib/reports/deadlines';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import type { ReportPeriod } from '../../lib/reports/periods';
import { reviewEventsOfEntry } from '../../lib/reports/queries';
import { reviewSummaryOf, type ReviewRequest } from '../../lib/reports/review';
import { saveDiary, takeReviewAction } from '../../lib/reports/submit';
import { deadlineSubjectOf } from '../../lib/reports/templates';
import type { RecordDraft } from '../../lib/store/records';
import { useDatabase, useQuery } from '../shell/database-context';
import { useDeadlineOverrides } from './use-deadline-rules';
import { useTeamContext } from '../team/use-team';
import type { DiaryEditorProps } from './DiaryEditor';
import { IntegritySignals } from './IntegritySignals';
import { useIntegritySignals } from './use-integrity';
import { useEntryTemplate } from './use-template';

/**
 * Everything the report editor needs besides the report itself, for the author writing it: the
 * template it is written with, where its deadline stands (in the author's zone, for their role),
 * its review, its integrity signals, and the save that records deadline outcomes and revisions.
 * Undefined while any of it loads. Used by Today (日报) and Reports (周报, 月报, 巡视).
 */
export function useDiaryEditorSupport(
  kind: DiaryKind,
  period: ReportPeriod,
  entry: DiaryEntry | undefined,
  author: Author,
): Pick<DiaryEditorProps, 'template' | 'review' | 'deadline' | 'signals' | 'onSave'> | undefined {
  const db = useDatabase();
  const events = useQuery(reviewEventsOfEntry, entry ? { entryId: entry.id } : undefined);
  const team = useTeamContext();
  const overrides = useDeadlineOverrides();
  const timeZone = team?.me.timeZone ?? deviceTimeZone();
  const signals = useIntegritySignals(entry, timeZone);
  const template = useEntryTemplate(kind, entry);
  if (!team || !overrides || !template || (entry && !events)) return undefined;
  const role = team.role;
  const rule = deadlineRulesFrom(overrides).rules[deadlineSubjectOf(template.template, role)];
  const due = deadlineOf(rule, { start: period.start, end: period.end }, timeZone);
  return {
    template: template.template,
    deadline: { ...due, phase: phaseAt(due, new Date().toISOString()) },
    review: entry && events ? { summary: reviewSummaryOf(entry, events), events, viewer: author, onAction: (request: ReviewRequest) => takeReviewAction(db, entry.id, request, author) } : undefined,
    signals: signals && signals.length > 0 ? createElement(IntegritySignals, { signals, audience: 'rep' }) : undefined,
    onSave: (draft: RecordDraft<'diaryEntries'>, { submit, reason }: { submit: boolean; reason?: string }) => saveDiary(db, draft, { submit, author, role, timeZone, reason }),
  };
}

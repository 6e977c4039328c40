/**
 * The Team tab's content for a manager: the team inbox (read and review each report) or the team
 * roll-up (the whole team's period at a glance, exported and posted). A rep, or a manager with
 * nobody on the team, sees the inbox's own explanation.
 */
import { useState, type ReactNode } from 'react';
import type { DiaryKind } from '../../lib/reports/diary-schema';
import type { ReportDocument } from '../../lib/reports/export/document';
import type { TeamContext } from '../../lib/team/roles';
import { useT } from '../shell/locale';
import { SegmentedControl } from '../ui';
import { rollupMessages } from './rollup-messages';
import { TeamInbox } from './TeamInbox';
import { TeamRollup } from './TeamRollup';

type View = 'inbox' | 'rollup';

export interface TeamViewProps {
  team: TeamContext;
  /** As TeamInbox's: opens the inbox on a period (and a report). */
  initial?: { kind: DiaryKind; periodStart: string; entryId?: string };
  /** The export buttons of the roll-up (the lead's ExportMenu). */
  rollupActions?: (document: ReportDocument) => ReactNode;
}

export function TeamView({ team, initial, rollupActions }: TeamViewProps) {
  const t = useT(rollupMessages);
  const [view, setView] = useState<View>('inbox');
  if (team.role === 'rep' || team.reps.length === 0) return <TeamInbox team={team} {...(initial ? { initial } : {})} />;
  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="team-view">
      <div>
        <SegmentedControl
          label={t('teamView')}
          options={[
            { value: 'inbox' as const, label: t('viewInbox') },
            { value: 'rollup' as const, label: t('viewRollup') },
          ]}
          value={view}
          onChange={setView}
        />
      </div>
      {view === 'inbox' ? (
        <TeamInbox team={team} {...(initial ? { initial } : {})} />
      ) : (
        <TeamRollup
          team={team}
          {...(initial && (initial.kind === 'weekly' || initial.kind === 'monthly') ? { initial: { kind: initial.kind, periodStart: initial.periodStart } } : {})}
          {...(rollupActions ? { actions: rollupActions } : {})}
        />
      )}
    </div>
  );
}

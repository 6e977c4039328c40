import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase, useSetting } from '../shell/database-context';
import { useLocale } from '../shell/locale';
import { RuleSetEditor } from './index';
import { loadRuleSetLibrary, saveRuleSet } from '../../lib/rules/library';
import type { Problem } from '../../lib/rules/problems';

/** A save the store refused; the editor shows its problems like its own. */
class RuleSetRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((e) => `${e.path}: ${e.message}`).join('; '));
  }
}

/** Hosts the rule-set editor on the stored library; an invalid save never reaches the store. */
export function RuleSetsSection() {
  const db = useDatabase();
  const locale = useLocale();
  const profile = useSetting('profile');
  const library = useLiveQuery(() => loadRuleSetLibrary(db), [db]);
  if (!library) return null;
  return (
    <div data-testid="rule-sets">
      <RuleSetEditor
        ruleSets={Object.values(library.versions).flat()}
        activeVersions={library.active}
        locale={locale}
        onSave={async (ruleSet) => {
          const result = await saveRuleSet(db, ruleSet, profile?.id ?? 'local-user');
          if (!result.ok) throw new RuleSetRefused(result.errors);
        }}
      />
    </div>
  );
}

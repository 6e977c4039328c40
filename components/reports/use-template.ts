import { useLiveQuery } from 'dexie-react-hooks';
import type { DiaryEntry, DiaryKind } from '../../lib/reports/diary-schema';
import type { Template } from '../../lib/reports/schema';
import { activeTemplateOf, templateVersionOf } from '../../lib/reports/template-store';
import { builtInTemplate } from '../../lib/reports/templates';
import { useDatabase } from '../shell/database-context';

/**
 * The template an entry is written with: the exact version it was written with (forever, even
 * after the admin changes the template), or for a new entry the kind's active template. An entry
 * whose version has not reached this device yet falls back to the built-in (`missing` says so).
 */
export function useEntryTemplate(kind: DiaryKind, entry: DiaryEntry | undefined): { template: Template; missing: boolean } | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    if (entry?.templateId && entry.templateVersion) {
      const exact = await templateVersionOf(db, entry.templateId, entry.templateVersion);
      return exact ? { template: exact, missing: false } : { template: builtInTemplate(kind), missing: true };
    }
    if (entry && entry.status !== 'draft') return { template: builtInTemplate(kind), missing: false };
    return { template: await activeTemplateOf(db, kind), missing: false };
  }, [db, kind, entry?.id, entry?.templateId, entry?.templateVersion, entry?.status]);
}

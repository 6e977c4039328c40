/**
 * Named queries of report templates beyond `reports.templatesOfKind` (./queries.ts). Listed in
 * lib/queries.ts so the convention test proves the index each reads.
 */
import { defineQuery } from '../store/query';
import type { Template } from './schema';
import { parseTemplate } from './template-upgrade';

/**
 * One stored template version by its record id — tombstoned or not, since an entry written with
 * it must render forever. Version-1 rows come back upgraded; undefined when there is none.
 */
export const templateById = defineQuery({
  name: 'reports.templateById',
  table: 'templates',
  index: ':id',
  example: { id: '01JC0000000000000000000001' },
  run: async (db, { id }: { id: string }): Promise<Template | undefined> => {
    const row: unknown = await db.templates.get(id);
    return row === undefined ? undefined : parseTemplate(row);
  },
});

export const templateQueries = [templateById];

/**
 * v7 ([diaries]): review events on diary entries (批注, read receipts, returns, review marks),
 * read per entry and per entry author; role assignments per CRM owner; display photos per visit
 * card; and diary entries by kind and period for the team inbox. The registry's store spec
 * frozen at v7.
 */
import { V6 } from './006-dealer-kpi-snapshots';

export const V7 = {
  version: 7,
  stores: {
    ...V6.stores,
    diaryEntries: 'id, [author.id+isoWeek], [author.id+content.kind+periodStart], [content.kind+periodStart]',
    reviewEvents: 'id, [entryId+at], [entryAuthorId+at]',
    roleAssignments: 'id, ownerId',
    visitPhotos: 'id, visitCardId',
  },
} as const;

/**
 * v7 ([diaries]): review events on diary entries (批注, read receipts, returns, review marks),
 * read per entry and per entry author; role assignments per CRM owner; display photos per visit
 * card; the team's deadline rules (one row); and diary entries by kind and period for the team inbox. Stored report templates move to
 * their second shape (sections, added fields, a deadline subject: lib/reports/template-upgrade.ts).
 * The registry's store spec frozen at v7.
 */
import type { Transaction } from 'dexie';
import { V6 } from './006-dealer-kpi-snapshots';
import { upgradeTemplate } from '../../reports/template-upgrade';

export const V7 = {
  version: 7,
  stores: {
    ...V6.stores,
    diaryEntries: 'id, [author.id+isoWeek], [author.id+content.kind+periodStart], [content.kind+periodStart]',
    reviewEvents: 'id, [entryId+at], [entryAuthorId+at]',
    roleAssignments: 'id, ownerId',
    visitPhotos: 'id, visitCardId',
    deadlineRuleSets: 'id',
  },
  upgrade: async (tx: Transaction) => {
    await tx
      .table('templates')
      .toCollection()
      .modify((row, ref) => {
        ref.value = upgradeTemplate(row);
      });
  },
} as const;

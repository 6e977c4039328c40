import type { Transaction } from 'dexie';
import { isoWeekOf } from '../../kernel/dates';

/** v2: visit cards carry their ISO week so a rep's week loads from one index range. */
export const V2 = {
  version: 2,
  stores: {
    visitCards: 'id, [dealerId+visitDay], [author.id+visitDay], [author.id+isoWeek], visitDay, updatedAt',
  },
  async upgrade(tx: Transaction): Promise<void> {
    await tx
      .table('visitCards')
      .toCollection()
      .modify((card: { visitDay: string; isoWeek?: string; schemaVersion: number }) => {
        card.isoWeek = isoWeekOf(card.visitDay);
        card.schemaVersion = 2;
      });
  },
} as const;

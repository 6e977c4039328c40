import type { FieldkitDatabase } from '../store/database';
import { Dealer } from './schema';
import type { Author } from '../kernel/record';
import { newId } from '../kernel/ids';
import { issuesOf, RecordValidationError } from '../store/records';

/**
 * A dealer added by hand before the CRM is connected (or for a prospect not yet in the CRM).
 * Dealers pulled from HubSpot carry `crm.objectId`; these do not, until linked.
 */
export async function addLocalDealer(
  db: FieldkitDatabase,
  fields: { name: string; city?: string },
  context: { author: Author; now?: Date },
): Promise<Dealer> {
  const now = (context.now ?? new Date()).toISOString();
  const parsed = Dealer.safeParse({
    id: newId(),
    schemaVersion: 1,
    author: context.author,
    createdAt: now,
    updatedAt: now,
    name: fields.name.trim(),
    city: fields.city?.trim() || undefined,
  });
  if (!parsed.success) throw new RecordValidationError('dealers', issuesOf(parsed.error));
  await db.dealers.add(parsed.data);
  return parsed.data;
}

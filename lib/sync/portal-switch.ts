/**
 * Connecting to another HubSpot portal than the one this database's CRM links point into. Every
 * link names an object of the old portal: pushed as they are, updates of the new portal would find
 * nothing (or, worse, another object that happens to have the same id). So sync stops until the
 * user chooses (Options › Connection):
 * - **re-link everything as new** (`relinkAsNew`): every link is dropped; the user's own records
 *   (authored under the old portal's identity, which becomes the new one's) are queued again, each
 *   looked up by its own id first — a portal that had them before (switching back) gets them linked,
 *   not doubled — and created where the lookup misses; other people's records stay on this device
 *   as read copies; dealers lose their company links and come again from the new portal;
 * - or disconnect, which leaves everything as it was for the old portal.
 */
import type { FieldkitDatabase } from '../store/database';
import { enqueue } from '../store/records';
import { newId } from '../kernel/ids';
import { readSetting } from '../store/settings';
import { readSyncState, SYNC_STATE_KEY, type SyncState } from './state';

/** A create "sent" at the epoch: its lookup is trusted at once (no search lag to wait out). */
const LONG_AGO = new Date(0).toISOString();

/** The tables whose records carry CRM links. */
function linkedTables(db: FieldkitDatabase): string[] {
  return [...db.kinds.values()].filter((kind) => kind.crm).map((kind) => kind.table);
}

/** How many records hold a CRM link (a scan: runs only when the portal changed). */
export async function countLinkedRecords(db: FieldkitDatabase): Promise<number> {
  let count = 0;
  for (const table of linkedTables(db)) count += await db.table(table).filter((row: { crm?: unknown }) => row.crm !== undefined).count();
  return count;
}

/**
 * Decides, at connect, whether the portal changed under existing links. Returns the state to store:
 * `linkedPortalId` adopted when nothing is linked yet, or a `portal-switch` pause with what the
 * user must decide.
 */
export async function portalStateAtConnect(db: FieldkitDatabase, state: SyncState, portalId: number, previousProfileId: string): Promise<SyncState> {
  if (state.linkedPortalId === portalId) return state.paused === 'portal-switch' ? withoutSwitch(state) : state;
  if (state.linkedPortalId !== undefined) {
    const linked = await countLinkedRecords(db);
    if (linked > 0) {
      // An earlier, undecided switch keeps the identity its links were written under.
      const from = state.portalSwitch?.from ?? state.linkedPortalId;
      const profileId = state.portalSwitch?.previousProfileId ?? previousProfileId;
      if (from === portalId) return { ...withoutSwitch(state), linkedPortalId: portalId };
      return { ...state, paused: 'portal-switch', portalSwitch: { from, to: portalId, linked, previousProfileId: profileId } };
    }
  }
  return { ...withoutSwitch(state), linkedPortalId: portalId };
}

function withoutSwitch(state: SyncState): SyncState {
  const { portalSwitch: _switch, ...rest } = state;
  return { ...rest, ...(rest.paused === 'portal-switch' ? { paused: undefined } : {}) };
}

/** "Re-link everything as new": see the file comment. Returns how many records were queued. */
export async function relinkAsNew(db: FieldkitDatabase, now: Date): Promise<{ queued: number; dropped: number } | undefined> {
  const nowIso = now.toISOString();
  const tables = linkedTables(db);
  return db.transaction('rw', [...tables.map((t) => db.table(t)), db.outbox, db.settings, db.audit], async () => {
    const state = await readSyncState(db);
    const pending = state.portalSwitch;
    if (state.paused !== 'portal-switch' || !pending) return undefined;
    const profile = await readSetting(db, 'profile');
    let queued = 0;
    let dropped = 0;
    for (const table of tables) {
      const kind = db.kinds.get(table)!;
      const store = db.table(table);
      const linked = (await store.filter((row: { crm?: unknown }) => row.crm !== undefined).toArray()) as { id: string; crm?: unknown; author?: { id: string; name: string }; updatedAt: string; deletedAt?: string }[];
      for (const row of linked) {
        const { crm: _link, ...unlinked } = row;
        const mine = row.author?.id === pending.previousProfileId || row.author?.id === profile.id;
        const next = mine && row.author ? { ...unlinked, author: { id: profile.id, name: profile.name } } : unlinked;
        await store.put(next);
        dropped++;
        if (kind.crm?.home !== 'activity' || !mine || row.deletedAt) {
          // Nothing of it is due in the new portal: a dealer comes again from the new portal's
          // companies; someone else's record stays a read copy here; a tombstone has nothing to delete.
          await db.outbox.where('[table+recordId]').equals([table, row.id]).modify({ status: 'done', updatedAt: nowIso });
          continue;
        }
        await enqueue(db, table, row.id, row.updatedAt, 'upsert', nowIso);
        await db.outbox.where('[table+recordId]').equals([table, row.id]).modify({ createSentAt: LONG_AGO, attempts: 0, lastError: undefined });
        queued++;
      }
    }
    const { portalSwitch: _done, ...rest } = state;
    const next: SyncState = { ...rest, paused: undefined, linkedPortalId: pending.to, cursors: {}, dealersPulledAt: undefined };
    await db.settings.put({ key: SYNC_STATE_KEY, value: next });
    await db.audit.add({ id: newId(), at: nowIso, actor: 'sync', action: 'relink', summary: `re-linked to portal ${pending.to} (was ${pending.from}): ${dropped} links dropped, ${queued} records queued to look up or create` });
    return { queued, dropped };
  });
}

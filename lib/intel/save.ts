/**
 * Saving intel the way every surface saves it (the capture overlay through the background, the
 * side panel directly): as a sighting of an earlier item when the rep chose "add to it", else as
 * an item linked to its competitor in the dictionary — adding the competitor, pending review for a
 * rep, when the dictionary does not know the name yet.
 */
import type { FieldkitDatabase } from '../store/database';
import { saveRecord, type RecordDraft } from '../store/records';
import type { Author } from '../kernel/record';
import { loadTeamContext } from '../team/roles';
import { ensureCompetitorEntry, findEntryByName } from './dictionary/entries';
import { addSighting } from './near-duplicates';

export async function saveIntel(db: FieldkitDatabase, draft: RecordDraft<'intelItems'>, { author, addTo }: { author: Author; addTo?: string }): Promise<{ id: string; addedTo?: true }> {
  if (addTo) {
    // The earlier item may have been deleted since the hint showed it: then this is new.
    const added = await addSighting(db, addTo, draft, { author }).catch(() => undefined);
    if (added) return { id: added.id, addedTo: true };
  }
  // An edit keeps the link it has; a new name gets one. The dictionary is a help, never a reason
  // not to save: if it cannot be written, the item is saved without the link.
  // A known name (the usual case) needs one lookup; the team's roles are read only to add one.
  let competitorId = draft.competitorId ?? (await findEntryByName(db, draft.competitorName).catch(() => undefined))?.id;
  if (!competitorId) {
    const team = await loadTeamContext(db);
    const entry = await ensureCompetitorEntry(db, draft.competitorName, { author, role: team.role, canAdminister: team.canAdminister }).catch(() => undefined);
    competitorId = entry?.competitor.id;
  }
  const record = await saveRecord(db, 'intelItems', { ...draft, ...(competitorId ? { competitorId } : {}) }, { author });
  return { id: record.id };
}

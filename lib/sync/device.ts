/**
 * This installation's id, written next to every record it pushes so a later pull can tell "an
 * older version I wrote myself" (e.g. a push whose answer was lost) from another device's edit.
 * Only the conflict copy depends on it: last-writer-wins itself never does.
 */
import type { FieldkitDatabase } from '../store/database';
import { newId } from '../kernel/ids';

export const DEVICE_KEY = 'sync.deviceId';
/** The key under which the device id travels inside a pushed payload. */
export const WRITTEN_BY = 'fieldkitWrittenBy';
/**
 * The key under which a pushed payload lists the media it left out because they travel as CRM
 * attachments (`['screenshot']`): a puller then knows the record has them, though not inline.
 */
export const ATTACHED = 'fieldkitAttached';

export async function deviceId(db: FieldkitDatabase): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(DEVICE_KEY);
    if (typeof row?.value === 'string') return row.value;
    const id = newId();
    await db.settings.put({ key: DEVICE_KEY, value: id });
    return id;
  });
}

/**
 * This installation's id, written next to every record it pushes so a later pull can tell "an
 * older version I wrote myself" (e.g. a push whose answer was lost) from another device's edit.
 * Only the conflict copy depends on it: last-writer-wins itself never does.
 */
import type { FieldkitDatabase } from '../store/database';
import { newId } from '../kernel/ids';
import { z } from '../kernel/zod';
import { Instant } from '../kernel/record';

export const DEVICE_KEY = 'sync.deviceId';
/**
 * The key under which the writer's stamp travels inside a pushed payload: the device id, and the
 * server version of the latest other device's version this one was made from (`seen`), so the
 * device whose version it overwrote can tell "saw mine" from "never saw mine" (lib/sync/merge.ts).
 * Payloads written before the stamp was an object carry the device id alone, as a string.
 */
export const WRITTEN_BY = 'fieldkitWrittenBy';

export const WriterStamp = z.union([
  z.string().min(1).transform((device) => ({ device, seen: undefined as string | undefined })),
  z.object({ device: z.string().min(1), seen: Instant.optional() }),
]);
export type WriterStamp = z.output<typeof WriterStamp>;

export function writerStamp(device: string, seen: string | undefined): { device: string; seen?: string } {
  return seen ? { device, seen } : { device };
}
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

import { z } from '../kernel/zod';
import { Id, recordBase } from '../kernel/record';
import { defineKind } from '../store/kind';
import { defineQuery, isLive } from '../store/query';

/**
 * A display photo (陈列照片) of a visit, downscaled before it is stored so that IndexedDB and a
 * backup stay small. It reaches HubSpot as a file attached to its visit card's note (the card's
 * kind declares it: `crm.attachments.related`).
 */
export const VisitPhoto = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  visitCardId: Id,
  mime: z.enum(['image/jpeg', 'image/webp', 'image/png']),
  width: z.number().int().positive().max(4096),
  height: z.number().int().positive().max(4096),
  /** The downscaled image as a data URL (at most about 1 MB). */
  dataUrl: z.string().startsWith('data:image/').max(1_400_000),
  caption: z.string().max(200).optional(),
});
export type VisitPhoto = z.infer<typeof VisitPhoto>;

export const visitPhotoKind = defineKind({
  name: 'visitPhoto',
  table: 'visitPhotos',
  schema: VisitPhoto,
  indexes: ['visitCardId'],
  labels: { 'zh-CN': { one: '陈列照片', other: '陈列照片' }, en: { one: 'display photo', other: 'display photos' } },
});

/** A visit card's photos, in the order they were taken. */
export const photosOfVisit = defineQuery({
  name: 'visits.photosOfVisit',
  table: 'visitPhotos',
  index: 'visitCardId',
  example: { visitCardId: '01JC0000000000000000000001' },
  run: async (db, { visitCardId }: { visitCardId: string }): Promise<VisitPhoto[]> =>
    (await db.visitPhotos.where('visitCardId').equals(visitCardId).toArray()).filter(isLive).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
});

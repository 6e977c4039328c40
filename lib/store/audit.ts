import { z } from '../kernel/zod';
import { Id, Instant } from '../kernel/record';

/** Append-only trail of what changed, who did it and through which surface. */
export const AuditEvent = z.object({
  id: Id,
  at: Instant,
  actor: z.string(),
  action: z.enum(['create', 'update', 'delete', 'import', 'export', 'sync', 'review', 'connect', 'disconnect', 'relink']),
  table: z.string().optional(),
  recordId: z.string().optional(),
  summary: z.string().max(1000),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

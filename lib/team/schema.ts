import { z } from '../kernel/zod';
import { recordBase } from '../kernel/record';

export const Role = z.enum(['rep', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

/**
 * The role an admin gave a CRM owner (HubSpot owners carry no role). One record per owner; it syncs
 * so every device agrees. Should two devices have written one for the same owner, the latest
 * `updatedAt` wins (lib/team/roles.ts).
 */
export const RoleAssignment = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  /** The CRM owner id (a record's `author.id` once connected). */
  ownerId: z.string().min(1).max(64),
  /** Kept for reading the assignment without the owners list (and in the CRM note). */
  ownerName: z.string().max(200).optional(),
  role: Role,
  /**
   * The CRM teams a manager is responsible for: their reps are the owners on these teams. Empty:
   * the manager's own teams.
   */
  managesTeamIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  /** The owner's IANA time zone, for their deadlines (e.g. Asia/Shanghai); absent: the device's. */
  timeZone: z.string().min(1).max(64).optional(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

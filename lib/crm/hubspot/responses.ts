/**
 * zod schemas for every HubSpot answer the adapter reads. They run on what the api-client's
 * generated deserialisers produce (dates already turned into Date objects) or, for the two plain
 * fetch calls, on the JSON itself. Only fields the adapter uses are required.
 */
import { z } from '../../kernel/zod';

const Paging = z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional();

export const SimpleObject = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.date(),
  updatedAt: z.date(),
  archived: z.boolean().optional(),
  objectWriteTraceId: z.string().optional(),
});
export type SimpleObject = z.infer<typeof SimpleObject>;

export const SearchPage = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(SimpleObject),
  paging: Paging,
});

/** One failed input of a batch call (HubSpot's StandardError). */
export const StandardError = z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});
export type StandardError = z.infer<typeof StandardError>;

/** 200/201 (all done) and 207 (some failed) bodies of batch create/update/read. */
export const BatchResult = z.object({
  status: z.string(),
  results: z.array(SimpleObject),
  errors: z.array(StandardError).optional(),
});

export const Owner = z.object({
  id: z.string().min(1),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().int().optional(),
  archived: z.boolean(),
  teams: z.array(z.object({ id: z.string(), name: z.string(), primary: z.boolean() })).optional(),
});
export const OwnersPage = z.object({ results: z.array(Owner), paging: Paging });

export const PropertyGroup = z.object({ name: z.string(), label: z.string() });
export const Property = z.object({ name: z.string(), type: z.string(), fieldType: z.string(), groupName: z.string() });
export const PropertyList = z.object({ results: z.array(Property) });
export const PropertyBatch = z.object({ results: z.array(Property), errors: z.array(StandardError).optional() });

export const SchemaList = z.object({ results: z.array(z.object({ name: z.string() })) });

/** GET /account-info/v3/details (`portalName` only on newer API versions). */
export const AccountDetails = z.object({
  portalId: z.number().int(),
  portalName: z.string().optional(),
  timeZone: z.string().optional(),
  companyCurrency: z.string().optional(),
  uiDomain: z.string().optional(),
});

/** POST /oauth/v2/private-apps/get/access-token-info. */
export const TokenInfo = z.object({
  hubId: z.number().int(),
  userId: z.number().int().optional(),
  appId: z.number().int().optional(),
  scopes: z.array(z.string()),
});

/** HubSpot's error body; every field optional except the message, as HubSpot's docs advise. */
export const ErrorBody = z.object({
  message: z.string(),
  category: z.string().optional(),
  correlationId: z.string().optional(),
  policyName: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional(), context: z.record(z.string(), z.unknown()).optional() })).optional(),
});

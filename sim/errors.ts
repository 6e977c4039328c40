import { randomUUID } from 'node:crypto';

/**
 * HubSpot's error body. Every field but `status`, `message` and `correlationId` is optional in the
 * wild, and HubSpot's own docs tell clients to treat them all as optional.
 */
export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  errors?: { message: string; code?: string; in?: string; context?: Record<string, string[]> }[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  /** Only on 429 bodies. */
  errorType?: string;
  policyName?: string;
}

/** Thrown by route handlers; the server turns it into a HubSpot-shaped JSON response. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Omit<HubSpotErrorBody, 'status' | 'correlationId'>,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export function errorBody(body: Omit<HubSpotErrorBody, 'status' | 'correlationId'>): HubSpotErrorBody {
  return { status: 'error', correlationId: randomUUID(), ...body };
}

export const validationError = (message: string, extra: Partial<HubSpotErrorBody> = {}) =>
  new SimHttpError(400, { message, category: 'VALIDATION_ERROR', ...extra });

export const notFound = (message: string) => new SimHttpError(404, { message, category: 'OBJECT_NOT_FOUND' });

export const conflict = (message: string, category = 'CONFLICT') => new SimHttpError(409, { message, category });

/** The per-input error HubSpot puts in a batch `errors[]` array (a StandardError). */
export interface BatchItemError {
  status: 'error';
  category: string;
  /** HubSpot's StandardError names the exact rule broken, e.g. `crm.associations.TO_OBJECT_NOT_FOUND`. */
  subCategory?: string;
  message: string;
  context: Record<string, string[]>;
  errors: { message: string; code?: string; in?: string }[];
  links: Record<string, string>;
}

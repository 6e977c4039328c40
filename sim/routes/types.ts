import { SimHttpError } from '../errors';
import type { SimState } from '../state';
import type { ObjectType, SimConfig } from '../types';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON, a `SimMultipart` for multipart/form-data, or undefined when empty. */
  body: unknown;
  params: Record<string, string>;
  /** The request's Content-Type header, lowercase ('' when absent). */
  contentType?: string;
}

/** A multipart/form-data body, as the simulator's server parsed it. */
export class SimMultipart {
  constructor(
    readonly fields: Record<string, string>,
    readonly files: Record<string, { filename: string; type: string; bytes: Buffer }>,
  ) {}

  /** What the request log keeps: the text fields and each file's name, type and size, not its bytes. */
  summary() {
    return {
      multipart: {
        ...this.fields,
        ...Object.fromEntries(Object.entries(this.files).map(([k, f]) => [k, { filename: f.filename, type: f.type, size: f.bytes.length }])),
      },
    };
  }
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: SimState;
  config: SimConfig;
}

export interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handle: (ctx: RouteContext, req: SimRequest) => SimResponse;
}

/** `/crm/v3/objects/:type/:id` → a route matching that path; a trailing slash is tolerated. */
export function route(method: string, path: string, handle: Route['handle']): Route {
  const keys: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_, k: string) => {
    keys.push(k);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}/?$`), keys, handle };
}

/**
 * Refuses the call unless the token holds one of `scopes`, with HubSpot's MISSING_SCOPES body
 * (the missing scope names sit in errors[].context.requiredGranularScopes).
 */
export function requireScope(ctx: RouteContext, ...scopes: string[]): void {
  if (scopes.some((s) => ctx.config.scopes.includes(s))) return;
  throw new SimHttpError(403, {
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    category: 'MISSING_SCOPES',
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: scopes } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}

/** Notes are engagements: HubSpot's notes API asks for the contacts scopes. */
export function objectScope(type: ObjectType, access: 'read' | 'write'): string {
  return type === 'companies' ? `crm.objects.companies.${access}` : `crm.objects.contacts.${access}`;
}

export function schemaScope(type: ObjectType, access: 'read' | 'write'): string[] {
  // Companies: crm.schemas.companies.*, verified in HubSpot's docs. The notes property scope is not
  // documented where we could check, so the simulator accepts the contacts schema scope or the
  // notes object scope for it.
  return type === 'companies'
    ? [`crm.schemas.companies.${access}`]
    : [`crm.schemas.contacts.${access}`, objectScope(type, access)];
}

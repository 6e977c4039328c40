import type { HubSpotSim } from '../../sim/server';

/** A JSON call to the simulator as a HubSpot client makes it: bearer token, JSON body, parsed answer. */
export function jsonCaller(sim: () => HubSpotSim, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${sim().url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

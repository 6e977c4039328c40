import { afterAll, describe, expect, it } from 'vitest';
import { startHubSpotSim } from '../../sim/server';

describe('simulator outage', () => {
  const started = startHubSpotSim({ port: 0, token: 't' });
  afterAll(async () => (await started).close());

  it('refuses connections while stopped and comes back on the same port with its state', async () => {
    const sim = await started;
    const get = () => fetch(`${sim.url}/crm/v3/owners/`, { headers: { authorization: 'Bearer t' } });
    expect((await get()).status).toBe(200);
    const companies = sim.state.list('companies').length;
    await sim.stop();
    await expect(get()).rejects.toThrow();
    await sim.start();
    expect((await get()).status).toBe(200);
    expect(sim.state.list('companies')).toHaveLength(companies);
    expect(companies).toBeGreaterThan(0);
  });
});

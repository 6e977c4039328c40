import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHubSpotSim } from '../../sim/server';

describe('seed file', () => {
  it('loads companies and owners from a JSON seed', async () => {
    const sim = await startHubSpotSim({ seed: 'sim/seed.example.json', token: 't' });
    try {
      const r = await fetch(`${sim.url}/crm/v3/objects/companies?properties=name`, { headers: { Authorization: 'Bearer t' } });
      const body = (await r.json()) as { results: { properties: { name: string } }[] };
      expect(body.results.map((c) => c.properties.name)).toEqual(['成都蜀润润滑油有限公司', '重庆渝通商贸有限公司']);
      expect(sim.state.owners.map((o) => o.lastName + o.firstName)).toEqual(['陈杰', '刘洋']);
      expect(sim.state.portalId).toBe(7654321);
    } finally {
      await sim.close();
    }
  });
});

describe('npm run hubspot:sim', () => {
  it('starts on 127.0.0.1 with the given token and writes the JSONL log', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hubspot-cli-')), 'log.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--port', '0', '--token', 'cli-token', '--log', log, '--rate', '5'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('simulator did not start within 15 s')), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
      });
      const r = await fetch(`${url}/crm/v3/owners`, { headers: { Authorization: 'Bearer cli-token' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('5');
      const line = JSON.parse(readFileSync(log, 'utf8').trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      expect(line).toMatchObject({ method: 'GET', path: '/crm/v3/owners', status: 200 });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

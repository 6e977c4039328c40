/**
 * `npm run hubspot:sim -- --port 4010 [--token t] [--seed file.json] [--log requests.jsonl]
 *   [--rate 100] [--latency ms] [--jitter ms] [--error-rate 0.1] [--drop-rate 0.05]
 *   [--lost-rate 0.05] [--rate-limit-rate 0.1] [--fault-seed 42] [--custom-objects forbidden|empty|enterprise]
 *   [--search-limits current|legacy] [--note-properties accepted|refused] [--scopes a,b,c] [--file-size-limit bytes]
 *   [--control-token t] [--search-lag ms] [--lenient]`
 * Faults can be changed while it runs: POST /__sim/faults with a JSON body and the control token
 * (printed at start) in the x-sim-control-token header.
 */
import { parseArgs } from 'node:util';
import { LENIENT, startHubSpotSim, STRICT } from './server';
import type { CustomObjectsMode, NotePropertiesMode, SearchLimits } from './types';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    token: { type: 'string', default: 'demo-token' },
    seed: { type: 'string' },
    log: { type: 'string' },
    rate: { type: 'string', default: '100' },
    latency: { type: 'string' },
    jitter: { type: 'string' },
    'error-rate': { type: 'string' },
    'drop-rate': { type: 'string' },
    'lost-rate': { type: 'string' },
    'rate-limit-rate': { type: 'string' },
    'retry-after': { type: 'string' },
    'fault-seed': { type: 'string' },
    'custom-objects': { type: 'string', default: 'forbidden' },
    'search-limits': { type: 'string', default: 'current' },
    'note-properties': { type: 'string', default: 'accepted' },
    scopes: { type: 'string' },
    'file-size-limit': { type: 'string' },
    'control-token': { type: 'string' },
    'search-lag': { type: 'string' },
    lenient: { type: 'boolean', default: false },
  },
  strict: true,
});

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

const sim = await startHubSpotSim({
  port: Number(values.port),
  token: values.token,
  seed: values.seed,
  logFile: values.log,
  rate: Number(values.rate),
  customObjects: values['custom-objects'] as CustomObjectsMode,
  searchLimits: values['search-limits'] as SearchLimits,
  noteProperties: values['note-properties'] as NotePropertiesMode,
  scopes: values.scopes?.split(',').map((s) => s.trim()),
  fileSizeLimit: num(values['file-size-limit']),
  ...(values['control-token'] ? { controlToken: values['control-token'] } : {}),
  // Strict like HubSpot unless asked otherwise (docs/hubspot.md, "Strictness").
  strict: { ...(values.lenient ? LENIENT : STRICT), ...(values['search-lag'] !== undefined ? { searchLagMs: Number(values['search-lag']) } : {}) },
  faults: {
    latencyMs: num(values.latency),
    latencyJitterMs: num(values.jitter),
    errorRate: num(values['error-rate']),
    dropRate: num(values['drop-rate']),
    lostResponseRate: num(values['lost-rate']),
    rateLimitRate: num(values['rate-limit-rate']),
    retryAfterSeconds: num(values['retry-after']),
    seed: num(values['fault-seed']),
  },
});

console.log(`HubSpot simulator on ${sim.url} (token "${sim.config.token}", ${sim.config.rate} req/10 s)`);
console.log(`  control: GET ${sim.url}/__sim/state · POST ${sim.url}/__sim/faults · POST ${sim.url}/__sim/reset`);
console.log(`  control token (header x-sim-control-token): ${sim.controlToken}`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

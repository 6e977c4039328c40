/**
 * `npm run test:mutations`: proves the sync fault suites catch the four faults issue #13 named as
 * their blind spots. Each mutant is a small text patch applied to a COPY of the committed tree
 * (`git archive HEAD` into a temporary directory, with this checkout's node_modules linked in), so
 * nothing in the working tree changes while others run tests in it. For each mutant the fault
 * suites run in the copy: a failing suite kills it; a mutant that survives fails this script.
 *
 *   npx tsx scripts/mutations.ts [--keep] [mutant ids…]   (ids: outbox-outside-save, …)
 *
 * Every patch is located by a small anchor; an anchor not found (the code moved on) stops the
 * script with a message naming the file and the anchor, rather than testing an unmutated copy.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUITES = ['test/sync/fault-suite.test.ts', 'test/sync/convergence-faults.test.ts'];

interface Edit {
  /** Text (or pattern) that must occur exactly once in the file. */
  anchor: string | RegExp;
  replacement: string;
}

interface Mutant {
  id: string;
  what: string;
  file: string;
  edits: Edit[];
}

const MUTANTS: Mutant[] = [
  {
    id: 'outbox-outside-save',
    what: "(a) the outbox write moved outside the record's transaction (saveRecord)",
    file: 'lib/store/records.ts',
    edits: [
      {
        anchor: "      needsSync(kind, record) ? enqueue(db, table, record.id, record.updatedAt, record.deletedAt ? 'delete' : 'upsert', now, { fresh: draft.id === undefined }) : undefined,\n",
        replacement: '',
      },
      {
        anchor: '    return record;\n  });\n}\n\n/** Deletes are tombstones',
        replacement:
          "    return record;\n  }).then(async (record) => {\n    if (needsSync(kind, record)) await db.transaction('rw', db.outbox, () => enqueue(db, table, record.id, record.updatedAt, record.deletedAt ? 'delete' : 'upsert', now));\n    return record;\n  });\n}\n\n/** Deletes are tombstones",
      },
    ],
  },
  {
    id: 'no-in-flight-hold',
    what: '(b) the in-flight hold set to 0',
    file: 'lib/sync/engine.ts',
    edits: [{ anchor: /this\.inFlightHoldMs = options\.inFlightHoldMs \?\? [\d_]+;/, replacement: 'this.inFlightHoldMs = options.inFlightHoldMs ?? 0;' }],
  },
  {
    id: 'cursor-gt',
    what: '(c) the pull cursor changed from GTE to GT',
    file: 'lib/crm/hubspot/adapter.ts',
    edits: [{ anchor: "propertyName: 'hs_lastmodifieddate', operator: 'GTE'", replacement: "propertyName: 'hs_lastmodifieddate', operator: 'GT'" }],
  },
  {
    id: 'settle-two-transactions',
    what: '(d) the CRM link and the done mark written in two transactions (settle)',
    file: 'lib/sync/batch.ts',
    edits: [
      {
        anchor: "  await db.transaction('rw', [db.outbox, ...tables.map((t) => db.table(t))], async () => {\n    const entries = await db.outbox.bulkGet(",
        replacement:
          "  const recordWrites = new Map<SyncedTable, SyncedRecord[]>();\n  await db.transaction('rw', [db.outbox, ...tables.map((t) => db.table(t))], async () => {\n    const entries = await db.outbox.bulkGet(",
      },
      { anchor: '    const recordWrites = new Map<SyncedTable, SyncedRecord[]>();\n', replacement: '' },
      {
        anchor: '    await db.outbox.bulkPut(entryWrites);\n    for (const [table, rows] of recordWrites) await db.table(table).bulkPut(rows);\n  });\n',
        replacement:
          "    await db.outbox.bulkPut(entryWrites);\n  });\n  await db.transaction('rw', tables.map((t) => db.table(t)), async () => {\n    for (const [table, rows] of recordWrites) await db.table(table).bulkPut(rows);\n  });\n",
      },
    ],
  },
];

class AnchorMissing extends Error {}

function applyEdits(source: string, mutant: Mutant): string {
  let text = source;
  for (const edit of mutant.edits) {
    const count = typeof edit.anchor === 'string' ? text.split(edit.anchor).length - 1 : [...text.matchAll(new RegExp(edit.anchor.source, 'g'))].length;
    if (count !== 1) {
      throw new AnchorMissing(
        `${mutant.id}: the anchor ${JSON.stringify(String(edit.anchor)).slice(0, 160)} occurs ${count} times in ${mutant.file} (expected once): update the mutation in scripts/mutations.ts`,
      );
    }
    text = typeof edit.anchor === 'string' ? text.replace(edit.anchor, () => edit.replacement) : text.replace(edit.anchor, edit.replacement);
  }
  return text;
}

function runSuites(dir: string): { passed: boolean; failures: string[]; seconds: number } {
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', ...SUITES, '--bail=1'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
  // Colour codes off (vitest may colour anyway), so failures can be named.
  // eslint-disable-next-line no-control-regex
  const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '');
  const failures = [...new Set(output.split('\n').filter((line) => /^\s*(×|FAIL)\s|Error: /.test(line)).map((line) => line.trim().slice(0, 200)))];
  const totals = output.split('\n').filter((line) => /^\[(fault-suite|convergence)\]/.test(line));
  for (const line of totals) console.log(`    ${line}`);
  return { passed: run.status === 0, failures, seconds: (Date.now() - started) / 1000 };
}

function main(): number {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((id) => !MUTANTS.some((m) => m.id === id));
  if (unknown.length > 0) {
    console.error(`Unknown mutant(s): ${unknown.join(', ')}. Known: ${MUTANTS.map((m) => m.id).join(', ')}`);
    return 2;
  }
  const mutants = wanted.length > 0 ? MUTANTS.filter((m) => wanted.includes(m.id)) : MUTANTS;
  const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const dir = mkdtempSync(join(tmpdir(), 'fieldkit-mutants-'));
  try {
    // The committed tree only: others' uncommitted work in the checkout is neither read nor touched.
    const archive = spawnSync('bash', ['-c', `git -C ${JSON.stringify(repo)} archive HEAD | tar -x -C ${JSON.stringify(dir)}`], { stdio: 'inherit' });
    if (archive.status !== 0) throw new Error('git archive HEAD failed');
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
    if (existsSync(join(repo, '.wxt'))) cpSync(join(repo, '.wxt'), join(dir, '.wxt'), { recursive: true });
    // Check every anchor before spending minutes on the suites.
    const originals = new Map(mutants.map((m) => [m.file, readFileSync(join(dir, m.file), 'utf8')]));
    for (const mutant of mutants) applyEdits(originals.get(mutant.file)!, mutant);

    console.log(`[mutations] copy of HEAD in ${dir}; suites: ${SUITES.join(' ')}`);
    console.log('[mutations] unmutated:');
    const baseline = runSuites(dir);
    if (!baseline.passed) {
      console.error(`[mutations] the suites fail without any mutation (${baseline.failures.join(' | ')}): fix them first.`);
      return 2;
    }
    console.log(`  passes (${baseline.seconds.toFixed(0)} s)`);

    const survivors: string[] = [];
    for (const mutant of mutants) {
      const path = join(dir, mutant.file);
      const original = originals.get(mutant.file)!;
      writeFileSync(path, applyEdits(original, mutant));
      console.log(`[mutations] ${mutant.id}: ${mutant.what}`);
      try {
        const result = runSuites(dir);
        if (result.passed) {
          survivors.push(mutant.id);
          console.log(`  SURVIVED (${result.seconds.toFixed(0)} s): no suite failed`);
        } else {
          console.log(`  killed (${result.seconds.toFixed(0)} s) by: ${result.failures.slice(0, 4).join(' | ') || 'a failing suite'}`);
        }
      } finally {
        writeFileSync(path, original);
      }
    }
    console.log(`[mutations] mutants=${mutants.length} killed=${mutants.length - survivors.length} survived=${survivors.length}${survivors.length ? ` (${survivors.join(', ')})` : ''}`);
    return survivors.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`[mutations] ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    if (keep) console.log(`[mutations] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();

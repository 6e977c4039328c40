#!/usr/bin/env node
// The CLI is TypeScript shared with the extension; tsx (a devDependency) compiles it on the fly,
// so `npx fieldkit` works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr, cwd: process.cwd() });

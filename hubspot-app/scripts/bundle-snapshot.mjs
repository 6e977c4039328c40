/**
 * Bundles Fieldkit's snapshot module (lib/dealers/snapshot.ts and what it imports: zod, units,
 * formatting) into the card's own folder, as one self-contained ES module.
 *
 * Why a bundle and not a relative import of ../../../../lib: `hs project upload` uploads only the
 * project's srcDir (src/), and HubSpot builds each card on its servers from the card folder alone.
 * A file outside it is not there to import (the build also warns about imports from outside the
 * extension directory). So the shared code is copied in, generated, right before every test,
 * typecheck, `hs project dev` and upload (see package.json), and never edited by hand.
 *
 * Bare imports (zod) resolve from hubspot-app's own node_modules, pinned by its lockfile, so the
 * card does not depend on whether (or which) root dependencies are installed.
 *
 * Usage: node scripts/bundle-snapshot.mjs (npm run bundle)
 */
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(appDir, '..');
const entry = path.join(repoDir, 'lib/dealers/snapshot.ts');
const outDir = path.join(appDir, 'src/app/cards/generated');
const outJs = path.join(outDir, 'fieldkit-snapshot.js');
const outDts = path.join(outDir, 'fieldkit-snapshot.d.ts');

const relativeEntry = path.relative(repoDir, entry).split(path.sep).join('/');
const banner = `// GENERATED from ${relativeEntry} by hubspot-app/scripts/bundle-snapshot.mjs. Do not edit: change the source and run \`npm run bundle\`.`;

const zodForCards = path.join(appDir, 'scripts/zod-for-cards.mjs');

/**
 * Resolves bare imports (packages) from hubspot-app, never from the repository root; lib/'s
 * `zod` becomes scripts/zod-for-cards.mjs (zod without two large namespaces the card never uses).
 */
const packagesFromApp = {
  name: 'packages-from-hubspot-app',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) => (args.pluginData?.fromApp || args.importer === zodForCards ? undefined : { path: zodForCards }));
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.fromApp) return undefined;
      const result = await b.resolve(args.path, { kind: args.kind, resolveDir: appDir, pluginData: { fromApp: true } });
      if (result.errors.length > 0) {
        return { errors: [{ text: `${args.path} (imported by ${path.relative(repoDir, args.importer)}) is not installed in hubspot-app: add it to hubspot-app/package.json devDependencies.` }] };
      }
      return result;
    });
  },
};

const result = await build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  // The card's own build minifies; this file stays readable for review and debugging.
  minify: false,
  treeShaking: true,
  legalComments: 'inline',
  banner: { js: banner },
  plugins: [packagesFromApp],
  logLevel: 'warning',
});

const js = result.outputFiles[0].text;
// Types come from the source itself, so they can never drift from the bundle. Only tsc reads
// this file; the card build (Vite) bundles the .js and ignores declarations.
const dtsTarget = path.relative(outDir, entry.replace(/\.ts$/, '')).split(path.sep).join('/');
const dts = `${banner}\nexport * from '${dtsTarget}';\n`;

await mkdir(outDir, { recursive: true });
await writeFile(outJs, js);
await writeFile(outDts, dts);
console.log(`Bundled ${relativeEntry} → ${path.relative(appDir, outJs)} (${(js.length / 1024).toFixed(1)} KiB)`);

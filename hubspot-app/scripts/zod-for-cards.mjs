/**
 * What the card bundle gets for `import * as z from 'zod'` (lib/kernel/zod.ts): all of zod but
 * two namespaces. lib/ uses zod as a namespace object (`z.object`, `z.config`), which makes a
 * bundler keep every export, and two of them are large and unused by the card: `locales` (every
 * language's error messages, ~300 KB; zod's English default stays) and `core` (its internals,
 * which zod itself imports directly). Local exports take precedence over `export *`, so these
 * shadow zod's. Only the card bundle uses this file: the extension imports zod itself.
 */
export * from 'zod';
export const locales = undefined;
export const core = undefined;
// zod also exports itself as `z`, which would bring both back.
export const z = undefined;

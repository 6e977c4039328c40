/**
 * zod's tree-shakable build, for the code a page pays for on every capture: the content script that
 * frames the intel form (18 KB with zod/mini against ~90 KB with the classic API). It shares zod's
 * one configuration, so jitless mode (MV3 forbids `new Function`) is set here too.
 */
import * as zm from 'zod/mini';

zm.config({ jitless: true });

export { zm };

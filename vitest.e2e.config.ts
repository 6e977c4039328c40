import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium with the built extension (.output/chrome-mv3), one file at
// a time: two Chromium instances at once are slow and flaky on a 2-core machine.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

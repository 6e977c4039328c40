import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests run in Node by default (lib/, sim/, CLI); component tests opt into jsdom with a
// `// @vitest-environment jsdom` docblock so HubSpot client tests stay in Node where requests are real.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}', 'lib/**/*.test.ts', 'components/**/*.test.tsx', 'sim/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
});

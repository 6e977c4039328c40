import { defineConfig } from 'vitest/config';

// The card's tests: @hubspot/ui-extensions/testing renders in plain Node (no DOM).
// `npm test` bundles the shared snapshot module first (pretest), so these run against the very
// file HubSpot will build.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
  },
});

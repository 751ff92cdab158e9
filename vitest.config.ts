import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // type-graphql and Apollo load graphql's CommonJS build; make our imports use the same one
  // (two copies of graphql refuse each other's types).
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      // The dashboard's own logic and components (web/src/**/*.spec.ts), with the Svelte plugin.
      'web/vitest.config.ts',
      {
        test: { name: 'unit', include: ['core/**/*.spec.ts', 'adapters/**/*.spec.ts', 'gateway/**/*.spec.ts', 'scripts/**/*.spec.ts'] },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

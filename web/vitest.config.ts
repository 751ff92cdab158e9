import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit tests of the dashboard's own logic (src/**/*.spec.ts), and server-side renders of components.
export default defineConfig({
  plugins: [svelte({ configFile: false })],
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});

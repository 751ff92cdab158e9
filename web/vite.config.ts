import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev` serves the dashboard with hot reload; the API is the gateway started separately
// (`npm start`, port 4000), proxied so the browser still talks to one origin.
const gateway = process.env.CRM_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      // adapter-node 6 no longer reads ORIGIN and assumes https behind the gateway, so Kit's own
      // origin check would refuse every form post over plain http. hooks.server.ts checks the Origin
      // of form posts against the Host header and the gateway's PUBLIC_URL instead.
      csrf: { trustedOrigins: ['*'] },
    }),
  ],
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/api/': { target: gateway },
      '/webhooks/': { target: gateway },
      '/pay/': { target: gateway },
      '^/u/': { target: gateway },
    },
  },
});

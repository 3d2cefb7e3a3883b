import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin portal's build (`npm run build` → dist/portal/, served by the API server at `/`) and its
 * dev server (`npm run dev:portal`, hot reload, API calls proxied to the API server on ROSTER_API_URL,
 * default http://127.0.0.1:4000 — what `npm run dev:api` listens on).
 */
const root = import.meta.dirname;
const api = process.env.ROSTER_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root,
  plugins: [react()],
  // Hashed file names under /assets/ (the server caches them for a year); nothing else is emitted
  // but index.html and what public/ holds.
  build: {
    outDir: path.join(root, '..', 'dist', 'portal'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The portal's only door is the GraphQL API; the SCIM and health routes are proxied so the
    // links the portal shows work in development too.
    proxy: Object.fromEntries(['/graphql', '/scim', '/healthz', '/readyz'].map((prefix) => [prefix, { target: api, changeOrigin: false }])),
  },
});

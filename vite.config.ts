import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * `npm run dev` only: React's fast refresh injects an inline script and talks to Vite over a web
 * socket, and styles come as inline tags: the page's policy forbids these in the app itself; the dev
 * page allows exactly those.
 */
const devPolicy: Plugin = {
  name: 'desk-dev-policy',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws:"),
};

// The renderer is built to static files that Electron loads from disk and the bridge serves;
// relative asset paths make both work. In `npm run dev` Vite serves it with hot reload and passes
// the contract's calls to the bridge started beside it (DESK_BRIDGE).
const bridge = process.env.DESK_BRIDGE;
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devPolicy],
  server: bridge
    ? {
        host: '127.0.0.1',
        proxy: {
          // Calls are POSTs; a GET under /api/ is the UI's own source (renderer/api/), served by Vite.
          '/api/': { target: bridge, changeOrigin: true, bypass: (req) => (req.method === 'POST' ? undefined : req.url) },
          '/session': { target: bridge, changeOrigin: true },
          '/exports/': { target: bridge, changeOrigin: true },
        },
      }
    : {},
  // One bundle is right for an app loaded from local disk: splitting saves no download.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome120', chunkSizeWarningLimit: 2000 },
});

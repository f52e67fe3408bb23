import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files that Electron loads from disk and the bridge serves;
// relative asset paths make both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // One bundle is right for an app loaded from local disk: splitting saves no download.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome120', chunkSizeWarningLimit: 2000 },
});

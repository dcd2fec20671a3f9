// Dashboard build: `npm run build:web` → web/dist, served by `narrascope serve` (same origin as the API).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite --config web/vite.config.ts` for development against a running `narrascope serve`.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

import { defineConfig } from 'vite';

// `vite build apps/dashboard` (root script build:dashboard) → apps/dashboard/dist, which the
// gateway serves at `/`. Everything is bundled: the network is closed, no CDN or web font.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev -w @feedgate/dashboard` against a gateway on :3000.
    proxy: {
      '/admin': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});

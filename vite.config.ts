import { defineConfig } from 'vite';

/** Vite config: relative base so the built site works from any folder, offline. */
export default defineConfig({
  base: './',
  assetsInclude: ['**/*.glsl'],
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
});

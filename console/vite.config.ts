import { defineConfig } from 'vite';

// Served by the suite: the page at /crm/, /psa/, /settings/…, its assets under /console/.
export default defineConfig({
  base: '/console/',
  // Always React's production build, even when built from a test run (NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', development: false } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
});

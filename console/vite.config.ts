import { defineConfig } from 'vite';

// Served by the suite: the page at /crm/, /psa/, /settings/…, its assets under /console/.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
});

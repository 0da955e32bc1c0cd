import { defineConfig } from 'vite';

// Served by the suite on every portal host: the page at any path, its assets under /assets/.
export default defineConfig({
  base: '/',
  // Always React's production build, even when built from a test run (NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', development: false } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
});

// What a browser downloads to show the console's first page: the built index.html and every script
// and stylesheet it references, gzip-compressed as a server would send them.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONSOLE_DIST = resolve(import.meta.dirname, '../dist');

/** Bytes after gzip, per file and in total (`javascript` counts the scripts only); `base` is the build's. */
export function firstLoadSize(dist = CONSOLE_DIST, base = '/console/') {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const pattern = new RegExp(`(?:src|href)="${base}([^"]+\\.(?:js|css))"`, 'g');
  const files = [...html.matchAll(pattern)].map((match) => match[1]);
  const sizes = files.map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file))).length }));
  const javascript = sizes
    .filter(({ file }) => file.endsWith('.js'))
    .reduce((sum, { gzip }) => sum + gzip, 0);
  return { files: sizes, javascript };
}

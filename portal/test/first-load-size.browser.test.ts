import { resolve } from 'node:path';
import { firstLoadSize } from '@suite/console/first-load-size';
import { describe, expect, it } from 'vitest';

// Built by the browser lane's global setup from the current sources.
const PORTAL_DIST = resolve(import.meta.dirname, '../dist');

describe('the portal build', () => {
  it('loads under 200 KB of JavaScript (gzip) on the first page', () => {
    const { files, javascript } = firstLoadSize(PORTAL_DIST, '/');
    console.log(`portal first-load JavaScript: ${(javascript / 1024).toFixed(1)} KB gzip`);
    expect(files.some(({ file }) => file.endsWith('.js'))).toBe(true);
    expect(javascript).toBeLessThan(200 * 1024);
  });
});

import { describe, expect, it } from 'vitest';
import { firstLoadSize } from '../scripts/first-load-size.mjs';

describe('the console build', () => {
  it('loads under 300 KB of JavaScript (gzip) on the first page', () => {
    const { files, javascript } = firstLoadSize();
    console.log(`console first-load JavaScript: ${(javascript / 1024).toFixed(1)} KB gzip`);
    expect(files.some(({ file }) => file.endsWith('.js'))).toBe(true);
    expect(javascript).toBeLessThan(300 * 1024);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeSections, sectionPattern } from '../../scripts/readme-sections';

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it.each(Object.keys(readmeSections))('carries the %s section generated from code', (name) => {
    const section = readme.match(sectionPattern(name))?.[1];
    expect(section, 'run `npm run docs` to regenerate the README tables').toBe(readmeSections[name]?.());
  });
});

// Regenerates the README sections that are derived from code.
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeSections, sectionPattern } from './readme-sections';

const file = new URL('../README.md', import.meta.url);
let readme = readFileSync(file, 'utf8');
for (const [name, render] of Object.entries(readmeSections)) {
  if (!sectionPattern(name).test(readme)) throw new Error(`README.md has no <!-- ${name}:start --> section`);
  readme = readme.replace(
    sectionPattern(name),
    () => `<!-- ${name}:start -->\n${render()}\n<!-- ${name}:end -->`,
  );
}
writeFileSync(file, readme);

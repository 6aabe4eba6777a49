import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_IDS } from './rule-ids';

const ROOTS = [resolve(__dirname, '..')];

function specFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return specFiles(path);
    return name.endsWith('.spec.ts') && path !== __filename ? [path] : [];
  });
}

/** The titles of every `describe(...)` block of the domain's specs. */
function describeTitles(): string[] {
  const titles: string[] = [];
  for (const file of ROOTS.flatMap(specFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bdescribe\(\s*(['"`])(.+?)\1/g))
      titles.push(match[2] ?? '');
  }
  return titles;
}

const escape = (text: string): string => text.replace(/[$]/g, '\\$');

describe('every RULES.md id is specified', () => {
  it('names each rule id in at least one describe block', () => {
    const titles = describeTitles();
    const unspecified = RULE_IDS.filter(
      (id) => !titles.some((title) => new RegExp(`(^|[^A-Za-z0-9$])${escape(id)}(?![0-9])`).test(title)),
    );
    expect(unspecified).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What a worker thread must load first to run `moduleFile`: the repository's SWC hook
 * (`scripts/swc-register.js`, found above the module) when the module is TypeScript, as under
 * jest or `node -r scripts/swc-register.js`; nothing when it is JavaScript from the build.
 */
export function transpilerFor(moduleFile: string): string | null {
  if (!moduleFile.endsWith('.ts')) return null;
  const from = dirname(moduleFile);
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'scripts', 'swc-register.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) throw new Error(`scripts/swc-register.js not found above ${from}`);
  }
}

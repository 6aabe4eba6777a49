import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { transpilerFor } from './worker-transpiler';

describe('transpilerFor', () => {
  it("names the repository's SWC hook for a TypeScript module, found above it", () => {
    const hook = transpilerFor(join(__dirname, 'sqlite-event-log.ts'));
    expect(hook).toBe(join(__dirname, '..', '..', '..', 'scripts', 'swc-register.js'));
    expect(existsSync(hook!)).toBe(true);
  });

  it('names nothing for a compiled module', () => {
    expect(transpilerFor(join(__dirname, 'sqlite-event-log.js'))).toBeNull();
  });

  it('says where it looked when no hook is above the module', () => {
    expect(() => transpilerFor('/no-repository-here/module.ts')).toThrow(
      'scripts/swc-register.js not found above /no-repository-here',
    );
  });
});

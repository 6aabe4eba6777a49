/** Jest runs TypeScript through SWC (no type-check: `npm test` runs `tsc --noEmit` first). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};
module.exports = {
  maxWorkers: 2,
  /**
   * A worker whose memory passed this after a test file is replaced before the next one. Without it
   * each e2e worker ended the run at ~1.4 GB RSS (1.1 GB of heap, 2026-12-07): its event loop was
   * empty at jest's end message (the 'exit' event came 1 ms later), but tearing the process down
   * took longer than the 500 ms jest waits, and jest reported "A worker process has failed to exit
   * gracefully" on passing runs. With it the workers ended at 122 and 205 MB and exited in time.
   */
  workerIdleMemoryLimit: '600MB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      /** Each end-to-end test boots the whole app on a SQLite file; 5 s is too tight on a loaded 2-core machine. */
      testTimeout: 30_000,
    },
  ],
};

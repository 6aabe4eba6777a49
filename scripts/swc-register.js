'use strict';
/**
 * Lets plain `node` run this repository's TypeScript from source, the way jest does (SWC, legacy
 * decorators, `@app/name` → `libs/name/src`): `node -r ./scripts/swc-register.js some-file.ts`.
 * For tests that spawn processes, benchmarks and scripts; the shipped apps run from `dist/`.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const LIBS = join(__dirname, '..', 'libs');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const alias = /^@app\/([^/]+)$/.exec(request);
  return resolveFilename.call(this, alias ? join(LIBS, alias[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

'use strict';
/**
 * Lets a plain `node` child process of a test load this library's TypeScript sources:
 * `node -r ./swc-register.js child.js`. Compiles with SWC like jest does; tests only.
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

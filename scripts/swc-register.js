'use strict';
/**
 * Lets plain `node` run this repository's TypeScript from source, the way jest does (SWC, legacy
 * decorators, `@app/name` → `libs/name/src`): `node -r ./scripts/swc-register.js some-file.ts`.
 * For tests that spawn processes, benchmarks and scripts; the shipped apps run from `dist/`.
 * Transpiled files are cached in the temporary directory, keyed by path, size and mtime. Several
 * processes share the cache, so an entry is written to a file of this process's own and renamed
 * into place: a reader sees a whole entry or none, never a half-written one.
 */
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const LIBS = join(__dirname, '..', 'libs');
const CACHE = join(tmpdir(), 'impplus-swc-cache');
mkdirSync(CACHE, { recursive: true });

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const alias = /^@app\/([^/]+)$/.exec(request);
  return resolveFilename.call(this, alias ? join(LIBS, alias[1], 'src') : request, ...rest);
};

function transpile(filename) {
  const { transformSync } = require('@swc/core');
  return transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  }).code;
}

require.extensions['.ts'] = (module, filename) => {
  const { size, mtimeMs } = statSync(filename);
  const cached = join(CACHE, `${createHash('sha1').update(`${filename}:${size}:${mtimeMs}`).digest('hex')}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = transpile(filename);
    const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  module._compile(code, filename);
};

// Copies the auditor console's static files (HTML, CSS, a plain script) next to the compiled API
// in dist/, which tsc does not do: `npm start` runs dist/apps/case-api/src/main.js, which serves
// them from there (apps/case-api/src/audit/console/audit-console.ts). Run by `npm run build`.
const { cpSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const from = join(root, 'apps/case-api/src/audit/console/assets');
const to = join(root, 'dist/apps/case-api/src/audit/console/assets');
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });

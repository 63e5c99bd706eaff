// Loaded before Electronegativity (node -r): keeps it offline and working with this project.
// - Its parser (@typescript-eslint/typescript-estree 4) needs the TypeScript 4 compiler API, not the
//   project's TypeScript 7: point it at the copy Electronegativity ships.
// - It fetches translations and Electron release notes with `got`: lint never reaches the network,
//   so those requests fail at once (it falls back to its bundled English texts).
const Module = require('node:module');
const path = require('node:path');

const tool = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const typescript = path.join(tool, 'node_modules', 'typescript');
const offlineGot = path.join(__dirname, 'offline-got.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const from = parent?.filename ?? '';
  if (request === 'typescript' && from.includes('typescript-estree')) request = typescript;
  if (request === 'got' && from.includes('electronegativity')) request = offlineGot;
  return resolve.call(this, request, parent, ...rest);
};

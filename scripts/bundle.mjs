#!/usr/bin/env node
// Bundles the VS Code extension and the language server with esbuild, so the .vsix needs no
// node_modules: dist/extension.js (the client; `vscode` is provided by the editor) and
// dist/server.js (the server with the engine). The server finds the lexicon at run time by
// walking up from dist/ to the package root (server/src/node/lexiconFiles.ts, packageRoot()).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = !process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: production,
  keepNames: true,
  sourcemap: production ? false : 'inline',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

// Overwrite the bundles only: dist/ may also hold build outputs of other steps (the precompiled lexicon).
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
const results = await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'], metafile: true }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/lsp/main.ts' }, outdir: 'dist', metafile: true }),
]);
for (const result of results) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) console.log(`${file}  ${(info.bytes / 1024).toFixed(0)} KB`);
}

#!/usr/bin/env node
// Writes docs/rules/<id>.md for every core lexicon entry, and docs/rules/README.md (the index),
// from the compiled TypeScript in out/ (run through `npm run docs:rules`, which builds first). The
// pages are rendered by server/src/lsp/ruleText.ts, which also renders `heard explain` and the
// words of the editor's hovers, so the three never describe a rule differently.
// Pages of entries that no longer exist are removed. `--check` writes nothing and exits 1 when
// the committed pages differ from the lexicon (the mocha test test/lsp/ruleDocs.test.ts does the same).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadLexicon, packageRoot } = require('../out/server/src/node/lexiconFiles.js');
const { rulePagesDir } = require('../out/server/src/lsp/rulePages.js');
const { renderRulePages } = require('../out/server/src/lsp/ruleText.js');

const check = process.argv.includes('--check');
const root = packageRoot();
const dir = rulePagesDir(root);
const pages = renderRulePages(loadLexicon([]).entries.map((e) => e.entry), root);

const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
const stale = existing.filter((f) => !pages.has(f));
const changed = [...pages].filter(([name, text]) => !existing.includes(name) || fs.readFileSync(path.join(dir, name), 'utf8') !== text).map(([name]) => name);

if (check) {
  if (stale.length || changed.length) {
    console.error(`docs/rules is out of date with the lexicon (${changed.length} changed, ${stale.length} removed): run npm run docs:rules`);
    process.exit(1);
  }
  console.log(`docs/rules is up to date (${pages.size - 1} rules)`);
} else {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of changed) fs.writeFileSync(path.join(dir, name), pages.get(name));
  for (const name of stale) fs.rmSync(path.join(dir, name));
  console.log(`docs/rules: ${pages.size - 1} rules, ${changed.length} pages written, ${stale.length} removed`);
}

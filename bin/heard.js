#!/usr/bin/env node
// The `heard` command. The CLI is written in TypeScript and compiled to out/ by `npm run build`.
'use strict';
const fs = require('fs');
const path = require('path');

const cli = path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`heard: ${path.relative(process.cwd(), cli) || cli} is missing: run \`npm run build\` in ${path.join(__dirname, '..')} first\n`);
  process.exit(2);
}
// Irregexp's tier-up interprets a regex before compiling it; a one-shot check runs each of the
// lexicon's ~500 patterns only a few times, so compiling them at once is faster overall.
require('v8').setFlagsFromString('--no-regexp-tier-up');
require(cli).run();

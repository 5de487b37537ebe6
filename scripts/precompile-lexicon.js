// Build step: compiles the core lexicon once and writes it as JSON next to the compiled code
// (out/lexicon.compiled.json), so that every process starts without parsing YAML or inflecting
// words. The loader checks the copy against the YAML files' hash and ignores a stale one.
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const { compileLexicon } = require(path.join(root, 'out/server/src/engine'));
const { serializeLexicon } = require(path.join(root, 'out/server/src/engine/lexicon'));
const { coreLexiconPaths, lexiconSourceHash, readLexiconFile } = require(path.join(root, 'out/server/src/node/lexiconFiles'));

const files = coreLexiconPaths().map(readLexiconFile);
const data = serializeLexicon(compileLexicon(files), lexiconSourceHash(files));
const target = process.argv[2] ?? path.join(root, 'out', 'lexicon.compiled.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, JSON.stringify(data));

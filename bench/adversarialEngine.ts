// Child process of bench/adversarial.ts: the engine alone on one file. Loads the core lexicon,
// runs `analyse()` once to warm up (JIT, lazily built regexes), then again, and prints the CPU
// time of the second run as JSON. Start-up, reading and the report are left out, so the slope of
// these times is the engine's own.
import * as fs from 'fs';
import { analyse } from '../server/src/engine';
import { loadLexicon } from '../server/src/node/lexiconFiles';

const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const lexicon = loadLexicon();
analyse(text, { lexicon, format: 'markdown' });
const before = process.cpuUsage();
const findings = analyse(text, { lexicon, format: 'markdown' }).findings.length;
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, findings }) + '\n');

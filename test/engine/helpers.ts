// Shared set-up for engine tests: the fixture lexicon (stable, small) and the core lexicon.
import * as fs from 'fs';
import * as path from 'path';
import { analyse, compileLexicon, type AnalyseOptions, type CompiledLexicon } from '../../server/src/engine';

const fixtureDir = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lexicon');
export const fixtureLexicon: CompiledLexicon = compileLexicon(
  fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: path.join(fixtureDir, f), text: fs.readFileSync(path.join(fixtureDir, f), 'utf8') })),
);

/** Rule ids and flagged texts found in `text` with the fixture lexicon, as "rule: text" strings. */
export function found(text: string, options: AnalyseOptions = {}, lexicon = fixtureLexicon): string[] {
  return analyse(text, { lexicon, format: 'markdown', ...options }).findings.map((f) => `${f.ruleId}: ${f.text}`);
}

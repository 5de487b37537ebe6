// Shared set-up for engine tests: the fixture lexicon (stable, small) and the core lexicon.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse, compileLexicon, type AnalyseOptions, type CompiledLexicon } from '../../server/src/engine';

const fixtureDir = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lexicon');
const coreDir = path.join(__dirname, '..', '..', '..', 'lexicon');
/** The core lexicon's context tables and word classes: the fixture entries are judged by the same context as the real ones. */
export const coreContextFiles = ['context.yaml', 'classes.yaml']
  .filter((f) => fs.existsSync(path.join(coreDir, f)))
  .map((f) => ({ path: path.join(coreDir, f), text: fs.readFileSync(path.join(coreDir, f), 'utf8') }));
export const fixtureLexicon: CompiledLexicon = compileLexicon([
  ...fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: path.join(fixtureDir, f), text: fs.readFileSync(path.join(fixtureDir, f), 'utf8') })),
  ...coreContextFiles,
]);

/** Rule ids and flagged texts found in `text` with the fixture lexicon, as "rule: text" strings. */
export function found(text: string, options: AnalyseOptions = {}, lexicon = fixtureLexicon): string[] {
  return analyse(text, { lexicon, format: 'markdown', ...options }).findings.map((f) => `${f.ruleId}: ${f.text}`);
}

/** One case of a findings table: the text, what must be found (empty = nothing), and options. */
export type FoundCase = [text: string, expected: string[], options?: AnalyseOptions];

/** One mocha test per case: `found(text, options, lexicon)` must equal `expected`. */
export function foundTable(cases: FoundCase[], lexicon = fixtureLexicon): void {
  for (const [text, expected, options] of cases) {
    it(`${expected.length ? 'flags' : 'passes'}: ${text.replace(/\n/g, ' ⏎ ')}`, () => {
      assert.deepStrictEqual(found(text, options, lexicon), expected);
    });
  }
}

/** An organisation's lexicon file with one entry ("chose to") whose condition is the regex `condition`: for tests of user-supplied regexes. */
export function orgLexicon(condition: string): string {
  return `entries:
  - id: org-chose-to
    category: victim-blaming
    severity: warning
    patterns: ["[{choose}] to"]
    conditions: { notInSentence: [${JSON.stringify(condition)}] }
    message: "Victim-blaming: an organisation's entry."
    why: "An entry of an organisation's own."
    rewrites: ["was made"]
    sources: [{ publisher: "Org", title: "Guide", date: "2024-01-01", url: "https://example.org/g" }]
    examples: { fire: ["Amira chose to go back.", "Leo chose to stay."], pass: ["Amira went back.", "Leo stayed."] }
`;
}

// A workspace's own regexes cannot hang the language server: an organisation lexicon's condition
// and a recordSeparator that backtrack catastrophically in JavaScript's engine (`(a+)+$` doubles
// its work with every "a") are matched in linear time, and diagnostics arrive at once.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CATEGORY_IDS } from '../../server/src/engine';
import { fileUri, PUSH_CAPABILITIES, serverPerTest } from './client';

const ORG_LEXICON = `entries:
  - id: org-chose-to
    category: victim-blaming
    severity: warning
    patterns: ["[{choose}] to"]
    conditions: { notInSentence: ["(a+)+$"] }
    message: "Victim-blaming: an organisation's entry."
    why: "An entry of an organisation's own."
    rewrites: ["was made"]
    sources: [{ publisher: "Org", title: "Guide", date: "2024-01-01", url: "https://example.org/g" }]
    examples: { fire: ["Amira chose to go back.", "Leo chose to stay."], pass: ["Amira went back.", "Leo stayed."] }
`;

function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-regex-')));
  fs.writeFileSync(path.join(dir, 'org-rules.yaml'), ORG_LEXICON);
  const config = ['lexicon: [org-rules.yaml]', 'recordSeparator: "^(a+)+$"', 'categories:', ...CATEGORY_IDS.map((c) => `  ${c}: off`), 'rules:', '  org-chose-to: on', ''];
  fs.writeFileSync(path.join(dir, '.heard.yaml'), config.join('\n'));
  return dir;
}

describe('language server: regexes from workspace files', function () {
  this.timeout(60000);
  const start = serverPerTest(workspace);

  it('answers at once on a document that makes (a+)+$ backtrack for hours in JavaScript', async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, `${'a'.repeat(40)}b\n\nAmira chose to go back ${'a'.repeat(40)}!\n`);
    // JavaScript's engine would need about 2^40 steps: no diagnostics for hours. Linear time
    // answers within the time it takes to load the workspace's lexicon (seconds when loaded).
    const published = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0, 30000);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['org-chose-to']);
  });
});

// Shared set-up for the CLI tests: temporary folders with a small test lexicon of our own (so the
// tests do not change when the curated lexicon grows), an in-process runner, and a .docx maker.
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { CATEGORY_IDS } from '../../server/src/engine';
import { main } from '../../server/src/cli/main';

/** The repository root (tests run from out/test/cli). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Test entries, each with a distinct severity. `cli-chose-to` has a safe rewrite (applied by --fix);
 * the others have [placeholders]; `cli-sparkly` ships switched off.
 */
export const TEST_LEXICON = `entries:
  - id: cli-chose-to
    category: victim-blaming
    severity: warning
    patterns: ["[{choose}] to"]
    conditions: { subject: not-professional, skipNegated: true }
    message: "Victim-blaming: test entry for choice wording."
    why: "A test entry used only by the CLI tests."
    rewrites: ["was made", "was pressured"]
    sources: [{ seed: 004_504d2492568628d6.txt, paragraph: "1.1" }]
    examples: { fire: ["Amira chose to go back.", "She has chosen to stay."], pass: ["The social worker chose to escalate."] }
  - id: cli-self-at-risk
    category: victim-blaming
    severity: warning
    patterns: ["{put} <self> at risk"]
    message: "Victim-blaming: test entry for putting oneself at risk."
    why: "A test entry used only by the CLI tests."
    rewrites: ["is at risk from [adult]"]
    sources: [{ publisher: "Test Publisher", title: "Test guide", date: "2024-11-14", url: "https://example.org/guide" }]
    examples: { fire: ["She is putting herself at risk.", "He put himself at risk."], pass: ["She is at risk."] }
  - id: cli-streetwise
    category: adultification
    severity: error
    patterns: ["street-wise"]
    message: "Adultification: test entry for streetwise."
    why: "A test entry used only by the CLI tests."
    rewrites: ["[describe the risk to the child]"]
    sources: [{ seed: 001_5db1e8f627105674.txt, paragraph: "Findings" }]
    examples: { fire: ["Amira is streetwise.", "Amira is street-wise."], pass: ["Amira is safe."] }
  - id: cli-incident
    category: minimising
    severity: information
    patterns: ["incident"]
    message: "Minimising: test entry for incident."
    why: "A test entry used only by the CLI tests."
    rewrites: ["[what happened]"]
    sources: [{ seed: 001_5db1e8f627105674.txt, paragraph: "Findings" }]
    examples: { fire: ["There was an incident.", "Incident at home."], pass: ["Nothing happened."] }
  - id: cli-sparkly
    category: vague
    severity: hint
    enabled: false
    patterns: ["sparkly"]
    message: "Vague: test entry shipped switched off."
    why: "A test entry used only by the CLI tests."
    rewrites: ["shiny"]
    sources: [{ seed: 001_5db1e8f627105674.txt, paragraph: "Findings" }]
    examples: { fire: ["It was sparkly.", "Sparkly shoes."], pass: ["It was dull."] }
`;

export const TEST_RULE_IDS = ['cli-chose-to', 'cli-self-at-risk', 'cli-streetwise', 'cli-incident'];

/** A config that switches every curated category off and our test entries on (at their own severity). */
export function testConfig(extra = ''): string {
  return [
    'lexicon: [cli-lexicon.yaml]',
    'categories:',
    ...CATEGORY_IDS.map((c) => `  ${c}: off`),
    'rules:',
    ...TEST_RULE_IDS.map((id) => `  ${id}: on`),
    extra,
  ].join('\n');
}

const made: string[] = [];

/** A temporary folder holding `files` (path → content) plus the test lexicon and config, unless `bare`. */
export function tempProject(files: Record<string, string | Buffer> = {}, options: { bare?: boolean; config?: string } = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-cli-')));
  made.push(dir);
  if (!options.bare) {
    fs.writeFileSync(path.join(dir, 'cli-lexicon.yaml'), TEST_LEXICON);
    fs.writeFileSync(path.join(dir, '.heard.yaml'), options.config ?? testConfig());
  }
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function removeTempProjects(): void {
  while (made.length > 0) fs.rmSync(made.pop()!, { recursive: true, force: true });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `heard …` in-process, as a pipe (no TTY) unless `tty` is set, with colour variables cleared. */
export async function runCli(argv: string[], options: { cwd: string; stdin?: string | Buffer; tty?: boolean; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env, ...options.env };
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  const code = await main(argv, {
    cwd: options.cwd,
    env,
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  });
  return { code, stdout, stderr };
}

/** Escapes text for WordprocessingML. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A minimal .docx: each item is a paragraph (an array splits it into several runs, as Word does);
 * `table` adds a one-row table whose cells are paragraphs.
 */
export async function makeDocx(paragraphs: Array<string | string[]>, table: string[] = []): Promise<Buffer> {
  const para = (p: string | string[]) =>
    `<w:p>${(Array.isArray(p) ? p : [p]).map((run) => `<w:r><w:t xml:space="preserve">${xml(run)}</w:t></w:r>`).join('')}</w:p>`;
  const cells = table.map((c) => `<w:tc>${para(c)}</w:tc>`).join('');
  const body = paragraphs.map(para).join('') + (table.length > 0 ? `<w:tbl><w:tr>${cells}</w:tr></w:tbl>` : '');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

// Neovim (Debian's 0.7.2 is enough) as a real LSP client of `heard lsp --stdio`: the findings of the
// example documents arrive at the right places (Neovim counts bytes, LSP counts UTF-16 code units),
// a quick fix and "fix all" rewrite the text exactly as `heard check --fix` does, the findings
// that need facts only the writer knows are disabled line by line, and the saved file checks clean.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isSafeRewrite } from '../../server/src/engine';
import { ARTIFACTS, cliFixed, findingsOf, findingsOfText, HEARD_BIN, ROOT, seconds, type CliFinding } from './heardCli';

const SCRIPT = path.join(ROOT, 'test', 'e2e', 'nvim', 'heard_e2e.lua');
const SEVERITY_OF_NVIM = ['', 'error', 'warning', 'information', 'hint'];

interface NvimDiagnostic {
  code: string;
  severity: number;
  message: string;
  line: number;
  byteColumn: number;
  utf16Column: number;
  endLine: number;
  endByteColumn: number;
  text: string;
}

interface NvimReport {
  nvim: string;
  error?: string;
  initial: NvimDiagnostic[];
  quickFix: { target: NvimDiagnostic; titles: string[]; applied: string; lineAfter: string; after: NvimDiagnostic[] };
  fixAll: { titles: string[]; text: string; after: NvimDiagnostic[] };
  disabled: string[];
  left: NvimDiagnostic[];
  saved: string;
}

/** What the editor shows, in the CLI's terms: rule, 0-based line, UTF-16 column, severity, words. */
const shown = (diagnostics: NvimDiagnostic[]) =>
  diagnostics.map((d) => `${d.line}:${d.utf16Column}-${d.endLine} ${d.code} ${SEVERITY_OF_NVIM[d.severity]} «${d.text}»`);
const expected = (findings: CliFinding[]) =>
  [...findings].sort((a, b) => a.offset - b.offset).map((f) => `${f.line - 1}:${f.column - 1}-${f.endLine - 1} ${f.ruleId} ${f.severity} «${f.text}»`);

/** The text without the comments the "Disable … for this line" quick fix adds. */
const withoutDisableComments = (text: string) =>
  text.replace(/^[ \t]*<!-- heard-disable-next-line [^\n]*-->\r?\n/gm, '').replace(/ <!-- heard-disable-line [^\n]*-->/g, '');

function runNeovim(file: string, target: CliFinding, name: string): NvimReport {
  const reportFile = path.join(path.dirname(file), 'nvim-report.json');
  // Neovim's state, cache and log files go to the scratch folder, not $HOME.
  const xdg = path.join(path.dirname(file), '.xdg');
  const result = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
    env: {
      ...process.env,
      XDG_STATE_HOME: xdg,
      XDG_CACHE_HOME: xdg,
      XDG_DATA_HOME: xdg,
      HEARD_E2E_FILE: file,
      HEARD_E2E_CMD: JSON.stringify([process.execPath, HEARD_BIN, 'lsp', '--stdio']),
      HEARD_E2E_FIX: JSON.stringify({ line: target.line - 1, text: target.text }),
      HEARD_E2E_REPORT: reportFile,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 150000,
  });
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, `neovim-${name}.json`), report);
  assert.strictEqual(result.status, 0, `nvim exited with ${result.status} ${result.signal ?? ''}: ${result.stderr}${result.stdout}`);
  return JSON.parse(report) as NvimReport;
}

describe('Neovim (headless) with `heard lsp --stdio`', function () {
  this.timeout(180000);
  let scratch: string;

  before(function () {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-e2e-nvim-'));
    // Even `nvim --version` creates its log folder: keep it in the scratch folder too.
    const xdg = path.join(scratch, '.xdg');
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8', env: { ...process.env, XDG_STATE_HOME: xdg, XDG_CACHE_HOME: xdg, XDG_DATA_HOME: xdg } });
    if (version.error) throw new Error('nvim is not installed: run scripts/e2e/setup.sh (or apt-get install neovim)');
    console.log(`      ${version.stdout.split('\n')[0]}`);
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const documents: Array<{ name: string; source: () => string; fileName: string }> = [
    { name: 'case-note', fileName: 'amira-visit-notes.md', source: () => fs.readFileSync(path.join(ROOT, 'examples', 'case-notes', 'amira-visit-notes.md'), 'utf8') },
    // Plain text; every row has an en dash (3 bytes in UTF-8, 1 UTF-16 unit) before its findings.
    { name: 'chronology', fileName: 'chronology.txt', source: () => fs.readFileSync(path.join(ROOT, 'examples', 'plain', 'chronology.txt'), 'utf8') },
    {
      // Characters outside the Basic Multilingual Plane (2 UTF-16 units, 4 bytes) before a finding:
      // a sentence the lexicon itself lists as one that must fire.
      name: 'emoji',
      fileName: 'emoji-note.md',
      source: () => {
        const explained = spawnSync(process.execPath, [HEARD_BIN, 'explain', 'claims-of-child-account', '--format', 'json'], { encoding: 'utf8' });
        const fire = (JSON.parse(explained.stdout) as { examples: { fire: string[] } }).examples.fire[0];
        return `# Visit 🏠 note\n\n📝 Zoë 😀: ${fire}\n`;
      },
    },
  ];

  for (const document of documents) {
    it(`${document.name}: right ranges, a quick fix, fix all, disable the rest, saved clean`, function () {
      const started = Date.now();
      const dir = fs.mkdtempSync(path.join(scratch, `${document.name}-`));
      const file = path.join(dir, document.fileName);
      const original = document.source();
      fs.writeFileSync(file, original);
      const findings = findingsOf(file);
      assert.ok(findings.length > 0, 'the CLI finds something to work with');
      const target = findings.find((f) => f.suggestions.length > 0 && isSafeRewrite(f.suggestions[0]) && f.line === f.endLine);
      assert.ok(target, 'a finding with a safe first rewrite to quick-fix');

      const nvimStarted = Date.now();
      const report = runNeovim(file, target, document.name);
      const nvimSeconds = seconds(nvimStarted);

      // 1. The findings arrive at the right places, with the right words under them.
      assert.deepStrictEqual(shown(report.initial), expected(findings), 'Neovim shows what heard check finds');

      // 2. The preferred quick fix rewrites exactly the flagged words, and the finding goes.
      assert.strictEqual(report.quickFix.applied, `Replace with “${target.suggestions[0]}”`);
      const lines = original.split('\n');
      const line = lines[target.line - 1];
      const fixedLine = line.slice(0, target.column - 1) + target.suggestions[0] + line.slice(target.endColumn - 1);
      assert.strictEqual(report.quickFix.lineAfter, fixedLine);
      lines[target.line - 1] = fixedLine;
      const afterQuickFix = lines.join('\n');
      const afterQuickFixFindings = findingsOfText(file, afterQuickFix);
      assert.deepStrictEqual(shown(report.quickFix.after), expected(afterQuickFixFindings));

      // 3. Fix all makes the same text as `heard check --fix`.
      const cliText = cliFixed(file, afterQuickFix);
      const safeLeft = afterQuickFixFindings.some((f) => f.suggestions.length > 0 && isSafeRewrite(f.suggestions[0]));
      assert.strictEqual(report.fixAll.titles.length, safeLeft ? 1 : 0, `fix-all offered: ${report.fixAll.titles.join(', ')}`);
      assert.strictEqual(report.fixAll.text, cliText);
      assert.deepStrictEqual(shown(report.fixAll.after), expected(findingsOfText(file, cliText)));

      // 4 and 5. The rest disabled line by line; the file on disk is what Neovim shows, and checks clean.
      assert.deepStrictEqual(report.left, []);
      const saved = fs.readFileSync(file, 'utf8');
      assert.strictEqual(saved, report.saved);
      assert.strictEqual(withoutDisableComments(saved), cliText, 'only the disable comments were added after fix all');
      assert.deepStrictEqual(findingsOf(file, ['--fail-on', 'hint']), [], 'the saved file checks clean');
      console.log(
        `      ${report.initial.length} findings; fixed "${target.text}"; fix all: ${report.fixAll.titles.join('') || 'nothing safe'}; ` +
          `${report.disabled.length} disabled; Neovim ${nvimSeconds} s, with the CLI checks ${seconds(started)} s`,
      );
    });
  }
});

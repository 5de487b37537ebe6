// heard rules, heard explain, --version and --help.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadLexicon } from '../../server/src/node/lexiconFiles';
import { conditionsInWords } from '../../server/src/lsp/ruleText';
import { removeTempProjects, repoRoot, runCli, tempProject } from './helpers';

describe('heard rules, explain, --version, --help', () => {
  after(removeTempProjects);

  it('rules lists id, category, severity (off when switched off) and a short source', async () => {
    const cwd = tempProject();
    const run = await runCli(['rules'], { cwd });
    assert.strictEqual(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^id +category +severity +source$/);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `))!.split(/ {2,}/);
    // A review by its name, not its seed file's.
    assert.deepStrictEqual(row('cli-chose-to'), ['cli-chose-to', 'victim-blaming', 'warning', 'Jez and siblings review']);
    assert.deepStrictEqual(row('cli-self-at-risk'), ['cli-self-at-risk', 'victim-blaming', 'warning', 'Test Publisher 2024']);
    assert.deepStrictEqual(row('cli-sparkly').slice(0, 3), ['cli-sparkly', 'vague', 'off']);
    assert.match(run.stdout, /\d+ rules \(\d+ off\)\. heard explain RULE shows a rule in full\./);
  });

  it('rules --format json, with the configuration applied', async () => {
    const cwd = tempProject();
    const run = await runCli(['rules', '--format', 'json', '--rule', 'cli-chose-to=error'], { cwd });
    const rows = JSON.parse(run.stdout) as Array<{ id: string; severity: string; defaultSeverity: string; enabledByDefault: boolean }>;
    const chose = rows.find((r) => r.id === 'cli-chose-to')!;
    assert.strictEqual(chose.severity, 'error');
    assert.strictEqual(chose.defaultSeverity, 'warning');
    assert.strictEqual(rows.find((r) => r.id === 'cli-sparkly')!.enabledByDefault, false);
  });

  it('explain prints the full entry: message, why, rewrites, conditions, examples, sources with URLs', async () => {
    const cwd = tempProject();
    const run = await runCli(['explain', 'cli-chose-to'], { cwd });
    assert.strictEqual(run.code, 0, run.stderr);
    for (const expected of [
      /^cli-chose-to {2}victim-blaming, warning$/m,
      /Message\n {2}Victim-blaming: test entry for choice wording\./,
      /Why\n {2}A test entry used only by the CLI tests\./,
      /Rewrites \(best first\)\n {2}1\. was made {3}\(applied by --fix\)\n {2}2\. was pressured/,
      /Patterns\n {2}\[\{choose\}\] to/,
      /Conditions\n {2}- Stays silent when the subject of the clause is a professional, the author/,
      /- Stays silent when a negation \(not, never, no, n't, nor\) comes just before the words\./,
      /Fires on\n {2}- Amira chose to go back\./,
      /Stays silent on\n {2}- The social worker chose to escalate\./,
      /Sources\n {2}- Local Child Safeguarding Practice Review: Jez and siblings \(Cheshire East Safeguarding Children's Partnership\), 1\.1/,
      /Defined in .*cli-lexicon\.yaml:\d+; rule page: docs\/rules\/cli-chose-to\.md/,
    ]) {
      assert.match(run.stdout, expected);
    }
    const withUrl = await runCli(['explain', 'cli-self-at-risk'], { cwd });
    assert.match(withUrl.stdout, /- Test Publisher, "Test guide", 2024-11-14 <https:\/\/example\.org\/guide>/);
    assert.match(withUrl.stdout, /\[brackets\] mark facts only the writer knows/);
    const off = await runCli(['explain', 'cli-sparkly'], { cwd });
    assert.match(off.stdout, /Shipped switched off: turn it on with "rules: \{ cli-sparkly: on \}"/);
  });

  it('explain describes conditions in words, never as regular expressions', async () => {
    const cwd = tempProject({}, { bare: true });
    const run = await runCli(['explain', 'risky-behaviour'], { cwd });
    assert.strictEqual(run.code, 0, run.stderr);
    const conditions = run.stdout.slice(run.stdout.indexOf('Conditions'), run.stdout.indexOf('Fires on'));
    assert.match(conditions, /the text before the words, in the same sentence, ends with “\{mother\/mum\/father\/dad\/parent\(s\)\/[^}]*\}\('s\//);
    assert.match(conditions, /the text after the words, in the same sentence, starts with “\{toward\(s\)\/to\/around\} \{children\//);
    assert.match(conditions, /a slash separates alternatives/);
    // Every condition of every curated rule, as explain and the rule pages show it.
    for (const { entry } of loadLexicon([]).entries) {
      for (const sentence of conditionsInWords(entry.conditions, entry.category, { markdown: false })) {
        assert.doesNotMatch(sentence, /\\[bswdBSWD]|\(\?[=!:<]|\[\^|\{\d+(,\d*)?\}|[|]/, `${entry.id}: ${sentence}`);
      }
    }
  });

  it('explain --format json gives the entry', async () => {
    const cwd = tempProject();
    const entry = JSON.parse((await runCli(['explain', 'cli-incident', '--format', 'json'], { cwd })).stdout);
    assert.strictEqual(entry.id, 'cli-incident');
    assert.deepStrictEqual(entry.rewrites, ['[what happened]']);
    assert.strictEqual(entry.effectiveSeverity, 'information');
  });

  it('explain of an unknown id exits 2 and suggests the closest ids', async () => {
    const cwd = tempProject();
    const run = await runCli(['explain', 'cli-chose'], { cwd });
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /^heard: unknown rule 'cli-chose' \(did you mean 'cli-chose-to'/);
    const category = await runCli(['explain', 'jargon'], { cwd });
    assert.match(category.stderr, /'jargon' is a category: heard rules lists its rules/);
    assert.strictEqual((await runCli(['explain'], { cwd })).code, 2);
  });

  it('rules and explain know the rules about heard-disable comments', async () => {
    const cwd = tempProject();
    const rules = await runCli(['rules', '--rule', 'disable-unknown-rule=error'], { cwd });
    assert.match(rules.stdout, /^disable-unknown-rule +vague +error\b/m);
    assert.match(rules.stdout, /^disable-without-reason +vague +warning\b/m);
    const explain = await runCli(['explain', 'disable-without-reason'], { cwd });
    assert.strictEqual(explain.code, 0, explain.stderr);
    assert.match(explain.stdout, /Fires on\n {2}- <!-- heard-disable-next-line streetwise -->/);
    assert.match(explain.stdout, /built into Heard .*not part of the lexicon/);
    assert.match((await runCli(['explain', 'disable-without-reasons'], { cwd })).stderr, /did you mean 'disable-without-reason'/);
  });

  it('--version prints the package version; --help and command help are concise', async () => {
    const cwd = tempProject();
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
    assert.deepStrictEqual(await runCli(['--version'], { cwd }), { code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await runCli(['--help'], { cwd });
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^Usage: heard <command>/);
    for (const command of ['check', 'rules', 'explain']) {
      const run = await runCli([command, '--help'], { cwd });
      assert.strictEqual(run.code, 0);
      assert.match(run.stdout, new RegExp(`^Usage: heard ${command}`));
    }
    const lspHelp = await runCli(['lsp', '--help'], { cwd });
    assert.strictEqual(lspHelp.code, 0);
    assert.match(lspHelp.stdout, /^Usage: heard lsp --stdio\n/);
    assert.match(lspHelp.stdout, /--node-ipc/);
    const none = await runCli([], { cwd });
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /^Usage: heard <command>/);
  });

  it('a bare heard lsp says how to run it instead of crashing', async () => {
    const cwd = tempProject();
    const run = await runCli(['lsp'], { cwd });
    assert.strictEqual(run.code, 2);
    assert.strictEqual(run.stderr, "heard: heard lsp needs a transport: run it as 'heard lsp --stdio' (editors start it this way; see heard lsp --help)\n");
    assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  });
});

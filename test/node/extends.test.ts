// `extends:` in .heard.yaml (server/src/node/extends.ts): a partnership's package from the project's
// node_modules (test/fixtures/extends/heard-config, copied in), a relative path, nesting, the
// merging rules, cycles and missing targets, untrusted workspaces, and the CLI's exit code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyse } from '../../server/src/engine';
import { ConfigError, resolveSettings } from '../../server/src/node/config';
import { runCli } from '../cli/helpers';

const PACKAGE_FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'extends', 'heard-config');
const made: string[] = [];

/** A project folder with `files`, and the fixture package installed in its node_modules. */
function project(files: Record<string, string>, options: { installPackage?: boolean } = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-extends-')));
  made.push(dir);
  if (options.installPackage !== false) fs.cpSync(PACKAGE_FIXTURE, path.join(dir, 'node_modules', '@our-partnership', 'heard-config'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  assert.fail('expected a ConfigError');
}

describe('extends: in .heard.yaml', () => {
  after(() => {
    while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
  });

  it('takes a package from node_modules, with its lexicon resolved inside the package; the extending file wins', () => {
    const dir = project({
      '.heard.yaml': ['extends: "@our-partnership/heard-config"', 'childAge: 9', 'rules:', '  streetwise: hint', 'allow:', '  - "Our Own Project"', ''].join('\n'),
      'notes/visit.md': 'x',
    });
    const settings = resolveSettings(path.join(dir, 'notes', 'visit.md'));
    const packageDir = path.join(dir, 'node_modules', '@our-partnership', 'heard-config');
    // The package's own lexicon, found relative to the package.
    assert.deepStrictEqual(settings.config.lexicon, [path.join(packageDir, 'lexicon', 'partnership.yaml')]);
    assert.ok(settings.lexicon.byId.has('partnership-sparkly'));
    // Single values and map keys: the extending file wins; the rest comes from the package.
    assert.strictEqual(settings.config.childAge, 9);
    assert.strictEqual(settings.config.rules?.streetwise, 'hint');
    assert.strictEqual(settings.config.rules?.['partnership-sparkly'], 'warning');
    assert.strictEqual(settings.config.categories?.jargon, 'hint');
    assert.strictEqual(settings.profile, 'case-note');
    // Lists concatenate, the package's first.
    assert.deepStrictEqual(settings.config.allow, ['Sparkly Futures Project', 'Our Own Project']);
    assert.deepStrictEqual(settings.extendedFiles, [path.join(packageDir, '.heard.yaml')]);
    const findings = analyse('The room was sparkly. The Sparkly Futures Project helped.', { lexicon: settings.lexicon, config: settings.config }).findings;
    assert.deepStrictEqual(
      findings.filter((f) => f.ruleId === 'partnership-sparkly').map((f) => [f.text, f.severity]),
      [['sparkly', 'warning']],
      "the package's rule runs at the package's severity, and its allowed phrase is allowed",
    );
  });

  it('takes a relative path, nested extends, and a package file named by subpath; profiles: of the extending file match first', () => {
    const dir = project({
      '.heard.yaml': ['extends:', '  - ./shared/base.yaml', 'profiles:', '  - files: "reviews/**"', '    profile: review', 'ignore: ["drafts/**"]', ''].join('\n'),
      'shared/base.yaml': ['extends: ./more/deeper.yaml', 'childAge: 15', 'profiles:', '  - files: "**"', '    profile: case-note', 'ignore: ["archive/**"]', ''].join('\n'),
      'shared/more/deeper.yaml': ['extends: "@our-partnership/heard-config/.heard.yaml"', 'childAge: 11', 'attendanceAge: 15', ''].join('\n'),
      'reviews/r.md': 'x',
      'notes/n.md': 'x',
    });
    const review = resolveSettings(path.join(dir, 'reviews', 'r.md'));
    assert.strictEqual(review.profile, 'review', "the extending file's profiles: come first");
    assert.strictEqual(resolveSettings(path.join(dir, 'notes', 'n.md')).profile, 'case-note');
    assert.strictEqual(review.config.childAge, 15, 'the nearer file wins over the one it extends');
    assert.strictEqual(review.config.attendanceAge, 15);
    assert.deepStrictEqual(review.config.ignore, ['archive/**', 'drafts/**']);
    assert.ok(review.lexicon.byId.has('partnership-sparkly'));
    assert.deepStrictEqual(
      review.extendedFiles,
      [path.join(dir, 'node_modules', '@our-partnership', 'heard-config', '.heard.yaml'), path.join(dir, 'shared', 'more', 'deeper.yaml'), path.join(dir, 'shared', 'base.yaml')],
    );
  });

  it('a cycle is an error at the extends: line that closes it', () => {
    const dir = project({
      '.heard.yaml': ['profile: review', 'extends: ./shared/a.yaml', ''].join('\n'),
      'shared/a.yaml': ['childAge: 12', 'extends:', '  - ./b.yaml', ''].join('\n'),
      'shared/b.yaml': ['extends: ../.heard.yaml', ''].join('\n'),
      'a.md': 'x',
    });
    const error = configError(() => resolveSettings(path.join(dir, 'a.md')));
    assert.strictEqual(error.file, path.join(dir, 'shared', 'b.yaml'));
    assert.strictEqual(error.line, 1);
    assert.match(error.message, /^.*b\.yaml:1: extends: a cycle: \.\.\/\.heard\.yaml → a\.yaml → b\.yaml → \.\.\/\.heard\.yaml$/);
  });

  it('a missing package, path or package file is an error at its line, saying what was looked for', () => {
    const dir = project({ 'a.md': 'x' }, { installPackage: false });
    const write = (text: string) => fs.writeFileSync(path.join(dir, '.heard.yaml'), text);
    write('childAge: 12\nextends:\n  - "@nope/heard-config"\n');
    let error = configError(() => resolveSettings(path.join(dir, 'a.md')));
    assert.strictEqual(error.line, 3);
    assert.match(error.message, /\.heard\.yaml:3: extends: package '@nope\/heard-config' not found in node_modules from .* upwards: install it \(npm install @nope\/heard-config\)/);
    write('extends: ./missing.yaml\n');
    error = configError(() => resolveSettings(path.join(dir, 'a.md')));
    assert.match(error.message, /\.heard\.yaml:1: extends: '\.\/missing\.yaml' not found \(looked for .*missing\.yaml\)/);
    fs.mkdirSync(path.join(dir, 'node_modules', 'empty-config'), { recursive: true });
    write('extends: empty-config\n');
    assert.match(configError(() => resolveSettings(path.join(dir, 'a.md'))).message, /the package empty-config .* has no Heard config: add \.heard\.yaml at its root, or "heard": "<file>" to its package\.json/);
    write('extends: [1]\n');
    assert.match(configError(() => resolveSettings(path.join(dir, 'a.md'))).message, /\.heard\.yaml:1: extends/);
  });

  it("a problem inside an extended file is reported at that file's line", () => {
    const dir = project({ '.heard.yaml': 'extends: ./base.yaml\n', 'base.yaml': 'childAge: 9\nrules:\n  streetwize: error\n', 'a.md': 'x' });
    const error = configError(() => resolveSettings(path.join(dir, 'a.md')));
    assert.strictEqual(error.file, path.join(dir, 'base.yaml'));
    assert.strictEqual(error.line, 3);
    assert.match(error.message, /rules: unknown rule 'streetwize' \(did you mean 'streetwise'/);
  });

  it('in an untrusted workspace, lexicons arriving through extends: are left out like lexicon:', () => {
    const dir = project({ '.heard.yaml': 'extends: "@our-partnership/heard-config"\n', 'a.md': 'x' });
    const settings = resolveSettings(path.join(dir, 'a.md'), { ignoreConfigLexicon: true });
    assert.deepStrictEqual(settings.ignoredLexicon, [path.join(dir, 'node_modules', '@our-partnership', 'heard-config', 'lexicon', 'partnership.yaml')]);
    assert.ok(!settings.lexicon.byId.has('partnership-sparkly'));
    assert.strictEqual(settings.config.childAge, 14, 'settings other than lexicons still apply');
  });

  it('heard check exits 2 with file:line for a missing target, and uses the package otherwise', async () => {
    const dir = project({ '.heard.yaml': 'extends: "@our-partnership/heard-configg"\n', 'a.md': 'The room was sparkly.\n' });
    const broken = await runCli(['check', 'a.md'], { cwd: dir });
    assert.strictEqual(broken.code, 2);
    assert.strictEqual(broken.stderr, `heard: ${path.join(dir, '.heard.yaml')}:1: extends: package '@our-partnership/heard-configg' not found in node_modules from ${dir} upwards: install it (npm install @our-partnership/heard-configg), or start a relative path with ./\n`);
    fs.writeFileSync(path.join(dir, '.heard.yaml'), 'extends: "@our-partnership/heard-config"\n');
    const run = await runCli(['check', 'a.md', '--format', 'compact'], { cwd: dir });
    assert.match(run.stdout, /^a\.md:1:14: warning partnership-sparkly /m);
  });
});

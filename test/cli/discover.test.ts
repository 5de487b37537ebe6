// Which files `heard check` picks: folders recurse over the checked types, .gitignore and the
// config's ignore: list apply, node_modules and .git never, named files always; sorted output.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { discoverFiles } from '../../server/src/cli/discover';
import { UsageError } from '../../server/src/cli/io';
import { removeTempProjects, tempProject } from './helpers';

function found(cwd: string, inputs: string[] = [], configFile?: string): string[] {
  return discoverFiles(inputs, { cwd, configFile }).files.map((f) => f.displayPath);
}

describe('file discovery', () => {
  after(removeTempProjects);

  it('recurses into folders for .md, .markdown, .txt and .docx (any case), in sorted order', () => {
    const cwd = tempProject(
      { 'b.md': '', 'a/z.TXT': '', 'a/y.markdown': '', 'a/deep/x.docx': '', 'c.pdf': '', 'd.json': '', 'notes.md.bak': '', '.hidden/h.md': '' },
      { bare: true },
    );
    assert.deepStrictEqual(found(cwd), ['.hidden/h.md', 'a/deep/x.docx', 'a/y.markdown', 'a/z.TXT', 'b.md']);
  });

  it('takes PDFs through a glob that names them, never from a folder walk or a broader glob', () => {
    const cwd = tempProject({ 'reviews/a.pdf': '', 'reviews/old/b.PDF': '', 'reviews/c.md': '', 'reviews/d.json': '' }, { bare: true });
    assert.deepStrictEqual(found(cwd, ['reviews/**/*.pdf']), ['reviews/a.pdf']);
    assert.deepStrictEqual(found(cwd, ['reviews']), ['reviews/c.md']);
    assert.deepStrictEqual(found(cwd, ['reviews/**/*']), ['reviews/c.md']);
  });

  it('never enters node_modules or .git', () => {
    const cwd = tempProject({ 'node_modules/pkg/README.md': '', 'sub/node_modules/x.md': '', '.git/info.txt': '', 'keep.md': '' }, { bare: true });
    assert.deepStrictEqual(found(cwd), ['keep.md']);
    assert.deepStrictEqual(found(cwd, ['**/*.md']), ['keep.md']);
  });

  it('honours .gitignore files from the repository root down, including negation', () => {
    const cwd = tempProject(
      {
        '.gitignore': 'drafts/\n*.tmp.md\nout\n',
        'docs/.gitignore': 'private*.md\n!private-but-shared.md\n',
        'docs/a.md': '',
        'docs/private-1.md': '',
        'docs/private-but-shared.md': '',
        'docs/drafts/x.md': '',
        'drafts/y.md': '',
        'out/z.md': '',
        'notes.tmp.md': '',
        'notes.md': '',
      },
      { bare: true },
    );
    fs.mkdirSync(path.join(cwd, '.git'));
    assert.deepStrictEqual(found(cwd), ['docs/a.md', 'docs/private-but-shared.md', 'notes.md']);
    // Checking a subfolder still applies the repository root's .gitignore.
    assert.deepStrictEqual(found(path.join(cwd, 'docs'), ['.']), ['a.md', 'private-but-shared.md']);
    assert.deepStrictEqual(found(cwd, ['docs/**/*.md']), ['docs/a.md', 'docs/private-but-shared.md']);
  });

  it('honours the ignore: list of the config file, relative to it', () => {
    const cwd = tempProject(
      { '.heard.yaml': 'ignore:\n  - templates/\n  - "**/*.draft.md"\n', 'templates/t.md': '', 'a.draft.md': '', 'sub/b.draft.md': '', 'a.md': '' },
      { bare: true },
    );
    assert.deepStrictEqual(found(cwd), ['a.md']);
    fs.writeFileSync(path.join(cwd, 'other.yaml'), 'ignore: [a.md]\n');
    assert.deepStrictEqual(found(cwd, [], 'other.yaml'), ['a.draft.md', 'sub/b.draft.md', 'templates/t.md']);
  });

  it('checks a file named on the command line whatever its type or .gitignore, but not if the config ignores it', () => {
    const cwd = tempProject({ '.gitignore': 'ignored.md\n', '.heard.yaml': 'ignore: [templates/]\n', 'ignored.md': '', 'export.log': '', 'templates/t.md': '' }, { bare: true });
    assert.deepStrictEqual(found(cwd, ['export.log', 'ignored.md']), ['export.log', 'ignored.md']);
    assert.deepStrictEqual(discoverFiles(['templates/t.md', 'ignored.md'], { cwd }), {
      files: [{ absPath: path.join(cwd, 'ignored.md'), displayPath: 'ignored.md' }],
      ignoredByConfig: ['templates/t.md'],
    });
  });

  it('lists a file once however often it is named', () => {
    const cwd = tempProject({ 'a.md': '' }, { bare: true });
    assert.deepStrictEqual(found(cwd, ['a.md', '.', './a.md', '*.md']), ['a.md']);
  });

  it('throws a UsageError for a missing path or a glob that matches nothing', () => {
    const cwd = tempProject({ 'a.md': '' }, { bare: true });
    assert.throws(() => found(cwd, ['missing.md']), (e: Error) => e instanceof UsageError && /no such file or folder: missing\.md/.test(e.message));
    assert.throws(() => found(cwd, ['*.docx']), (e: Error) => e instanceof UsageError && /no files to check match/.test(e.message));
  });

  it('throws the ConfigError of a broken config file met on the way', () => {
    const cwd = tempProject({ '.heard.yaml': 'ignore: [unclosed\n', 'a.md': '' }, { bare: true });
    assert.throws(() => found(cwd), /\.heard\.yaml:\d+: YAML syntax/);
  });
});

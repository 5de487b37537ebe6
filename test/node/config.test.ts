// The one configuration resolver, used by the CLI and the language server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyse } from '../../server/src/engine';
import { ConfigError, resolveSettings } from '../../server/src/node/config';

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-config-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('configuration resolver', () => {
  it('finds .heard.yaml by walking up from the document, and picks the profile by glob', () => {
    const dir = tempProject({
      '.heard.yaml': 'profiles:\n  - files: "reviews/**"\n    profile: review\nrules:\n  streetwise: error\n',
      'reviews/2025/child-r.md': 'x',
      'notes/amira.md': 'x',
    });
    const review = resolveSettings(path.join(dir, 'reviews/2025/child-r.md'));
    assert.strictEqual(review.configFile, path.join(dir, '.heard.yaml'));
    assert.strictEqual(review.profile, 'review');
    assert.strictEqual(resolveSettings(path.join(dir, 'notes/amira.md')).profile, undefined);
    assert.strictEqual(review.config.rules?.streetwise, 'error');
  });
  it('lets overrides (editor settings, CLI flags) win over the file', () => {
    const dir = tempProject({ '.heard.yaml': 'rules:\n  streetwise: error\nchildAge: 12\n', 'a.md': 'x' });
    const s = resolveSettings(path.join(dir, 'a.md'), { overrides: { rules: { streetwise: 'hint' }, profile: 'review' } });
    assert.strictEqual(s.config.rules?.streetwise, 'hint');
    assert.strictEqual(s.config.childAge, 12);
    assert.strictEqual(s.profile, 'review');
  });
  it("layers an organisation's lexicon over the core, overriding by id", () => {
    const dir = tempProject({
      '.heard.yaml': 'lexicon: [org/extra.yaml]\n',
      'org/extra.yaml': [
        'entries:',
        '  - id: streetwise',
        '    category: adultification',
        '    severity: error',
        '    patterns: ["street-smart"]',
        '    message: "Adultification: our own wording for this entry."',
        '    why: "The organisation replaced the core entry with its own wording."',
        '    rewrites: ["[describe the risk]"]',
        '    sources: [{ publisher: "Example Council", title: "Recording guide", date: "2025", url: "https://example.org/guide" }]',
        '    examples: { fire: ["Amira (14) is street-smart.", "He is street smart, aged 13."], pass: ["The adult is street-smart."] }',
      ].join('\n'),
      'a.md': 'x',
    });
    const s = resolveSettings(path.join(dir, 'a.md'));
    const entry = s.lexicon.byId.get('streetwise')!.entry;
    assert.strictEqual(entry.severity, 'error');
    const r = analyse('Amira (14) is street-smart and streetwise.', { lexicon: s.lexicon, config: s.config });
    assert.deepStrictEqual(r.findings.filter((f) => f.ruleId === 'streetwise').map((f) => f.text), ['street-smart']);
  });
  it('reports a broken config file with file and line', () => {
    const dir = tempProject({ '.heard.yaml': 'profile: review\nrules:\n  streetwise: loud\n', 'a.md': 'x' });
    assert.throws(() => resolveSettings(path.join(dir, 'a.md')), (e: unknown) => e instanceof ConfigError && /\.heard\.yaml:3: rules\.streetwise: must be one of/.test((e as Error).message));
    const dir2 = tempProject({ '.heard.yaml': 'profile: [unclosed\n', 'a.md': 'x' });
    assert.throws(() => resolveSettings(path.join(dir2, 'a.md')), /\.heard\.yaml:\d+: YAML syntax/);
    const dir3 = tempProject({ '.heard.yaml': 'colour: blue\n', 'a.md': 'x' });
    assert.throws(() => resolveSettings(path.join(dir3, 'a.md')), /unknown key 'colour'/);
  });
  it('reports a broken lexicon file with file and line, and a missing one by name', () => {
    const dir = tempProject({ '.heard.yaml': 'lexicon: [extra.yaml]\n', 'extra.yaml': 'entries:\n  - id: Bad Id\n    category: adultification\n', 'a.md': 'x' });
    assert.throws(() => resolveSettings(path.join(dir, 'a.md')), (e: unknown) => e instanceof ConfigError && /extra\.yaml:2: /.test((e as Error).message));
    const dir2 = tempProject({ '.heard.yaml': 'lexicon: [missing.yaml]\n', 'a.md': 'x' });
    assert.throws(() => resolveSettings(path.join(dir2, 'a.md')), /lexicon file not found: .*missing\.yaml/);
  });
});

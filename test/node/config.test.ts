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

  describe('checks names like code', () => {
    const problemsOf = (yamlText: string): ConfigError => {
      const dir = tempProject({ '.heard.yaml': yamlText, 'a.md': 'x' });
      try {
        resolveSettings(path.join(dir, 'a.md'));
      } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return e;
      }
      throw new assert.AssertionError({ message: `no error for:\n${yamlText}` });
    };

    it('an unknown rule id names the file and line, and suggests the closest id', () => {
      const e = problemsOf('profile: review\nrules:\n  streetwize: error\n');
      assert.match(e.message, /\.heard\.yaml:3: rules: unknown rule 'streetwize' \(did you mean 'streetwise'/);
      assert.deepStrictEqual(e.problems.map((p) => p.line), [3]);
    });

    it('a rule id from an organisation lexicon is known; a category under rules: is pointed to categories:', () => {
      const extra = [
        'entries:',
        '  - id: our-term',
        '    category: jargon',
        '    severity: hint',
        '    patterns: ["sparkle plan"]',
        '    message: "Jargon: our own entry."',
        '    why: "The organisation prefers plain words."',
        '    rewrites: ["[the plan, in plain words]"]',
        '    sources: [{ publisher: "Example Council", title: "Recording guide", date: "2025", url: "https://example.org/guide" }]',
        '    examples: { fire: ["The sparkle plan is agreed.", "A sparkle plan was made."], pass: ["The plan is agreed."] }',
      ].join('\n');
      const dir = tempProject({ '.heard.yaml': 'lexicon: [extra.yaml]\nrules:\n  our-term: error\n  disable-without-reason: off\n', 'extra.yaml': extra, 'a.md': 'x' });
      assert.strictEqual(resolveSettings(path.join(dir, 'a.md')).config.rules?.['our-term'], 'error');
      assert.match(problemsOf('rules:\n  jargon: off\n').message, /:2: rules: unknown rule 'jargon' \('jargon' is a category: put it under categories:\)/);
    });

    it('unknown categories, check names and keys, all of them at once, with suggestions', () => {
      const e = problemsOf(['categories:', '  victim-blame: error', 'checks:', '  child-voices: off', 'rulez:', '  streetwise: off', 'profiles:', '  - files: "reviews/**"', '    profil: review'].join('\n'));
      const lines = e.message.split('\n');
      assert.strictEqual(lines.length, 5, e.message);
      assert.match(lines[0], /\.heard\.yaml:2: categories: unknown category 'victim-blame' \(did you mean 'victim-blaming'\?\)$/);
      assert.match(lines[1], /\.heard\.yaml:4: checks: unknown check 'child-voices' \(did you mean 'child-voice'\?\)$/);
      assert.match(lines[2], /\.heard\.yaml:5: unknown key 'rulez' \(did you mean 'rules'\?\)$/);
      assert.match(lines[3], /\.heard\.yaml:8: profiles\.0: missing 'profile'$/);
      assert.match(lines[4], /\.heard\.yaml:9: profiles\.0: unknown key 'profil' \(did you mean 'profile'\?\)$/);
      assert.deepStrictEqual(e.problems.map((p) => p.line), [2, 4, 5, 8, 9]);
    });

    it('a check takes a level or options; anything else is an error on its line', () => {
      const dir = tempProject({ '.heard.yaml': 'checks:\n  child-voice: off\n  acronyms: { allow: [CIN] }\n', 'a.md': 'x' });
      assert.strictEqual(resolveSettings(path.join(dir, 'a.md')).config.checks?.['child-voice'], 'off');
      assert.match(problemsOf('checks:\n  child-voice: loud\n').message, /:2: checks\.child-voice: must be one of error, warning, information, hint, off, on, or options for the check$/);
    });
  });
});


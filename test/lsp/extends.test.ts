// `extends:` in the editor, over stdio: the same resolver as the CLI. A missing target is a
// diagnostic on the config file at the extends: line; a partnership package's lexicon loads in a
// trusted workspace and is left out (with the usual message) in an untrusted one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CATEGORY_IDS } from '../../server/src/engine';
import { fileUri, PUSH_CAPABILITIES, serverPerTest, waitFor } from './client';

const PACKAGE_FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'extends', 'heard-config');

/** A workspace that extends the fixture package, with every core category off. */
function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-extends-')));
  fs.cpSync(PACKAGE_FIXTURE, path.join(dir, 'node_modules', '@our-partnership', 'heard-config'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.heard.yaml'), ['extends: "@our-partnership/heard-config"', 'categories:', ...CATEGORY_IDS.map((c) => `  ${c}: off`), ''].join('\n'));
  return dir;
}

describe('language server: extends: in .heard.yaml', function () {
  this.timeout(60000);
  const start = serverPerTest(workspace);

  it("checks with the partnership package's lexicon, and shows a missing target on the config file", async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'The room was sparkly.\n');
    const published = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['partnership-sparkly']);

    fs.writeFileSync(path.join(dir, '.heard.yaml'), ['# shared settings', 'extends: "@our-partnership/heard-confg"', ''].join('\n'));
    await client.changeSettings({ debounceMs: 0 });
    const configUri = fileUri(path.join(dir, '.heard.yaml'));
    await waitFor(() => client.published.some((p) => p.uri === configUri && p.diagnostics.length > 0), 15000, 'diagnostics on .heard.yaml');
    const onConfig = client.published.filter((p) => p.uri === configUri).at(-1)!.diagnostics;
    assert.strictEqual(onConfig.length, 1);
    assert.strictEqual(onConfig[0].range.start.line, 1, 'at the extends: line');
    assert.match(onConfig[0].message as string, /extends: package '@our-partnership\/heard-confg' not found in node_modules/);
  });

  it('leaves a package lexicon out in an untrusted workspace, and says so', async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir, { workspaceTrusted: false });
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'The room was sparkly.\n');
    await waitFor(() => client.messages.some((m) => /not trusted/.test(m.message)), 15000, 'the untrusted-workspace message');
    assert.match(client.messages.find((m) => /not trusted/.test(m.message))!.message, /\(partnership\.yaml\) are not loaded/);
    const published = await client.diagnosticsFor(uri);
    assert.ok(!published.diagnostics.some((d) => d.code === 'partnership-sparkly'), JSON.stringify(published.diagnostics));
  });
});

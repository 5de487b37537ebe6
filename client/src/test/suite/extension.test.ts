// The extension inside a real VS Code: diagnostics in the editor, quick fixes, hover, settings,
// and the three commands. The workspace is a scratch copy of client/src/test/fixtures/workspace
// whose settings check only the test lexicon (test/lsp/fixtures/lsp-rules.yaml).
import * as assert from 'assert';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const heard = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'heard');

/** Polls until `get` returns a value (state, not time: the server answers when it is ready). */
async function waitFor<T>(get: () => T | undefined | false, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForAsync<T>(get: () => Promise<T | undefined>, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Heard in VS Code', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'note.md'));
    await vscode.window.showTextDocument(document);
  });

  it('shows findings of an open Markdown document with rule links and categories', async () => {
    const diagnostics = await waitFor(() => heard(document.uri).length >= 3 && heard(document.uri), 'diagnostics');
    const chose = diagnostics.find((d) => codeOf(d) === 'lsp-chose-to')!;
    assert.strictEqual(document.getText(chose.range), 'chose');
    assert.match(chose.message, /^Victim-blaming: /);
    assert.ok(typeof chose.code === 'object' && chose.code.target.toString().includes('lsp-rules.yaml'));
  });

  it('hover says why the wording matters', async () => {
    const streetwise = heard(document.uri).find((d) => codeOf(d) === 'lsp-streetwise')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, streetwise.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Why it matters/);
    assert.match(text, /Test guidance on language/);
  });

  it('the preferred quick fix rewrites the words and the finding goes', async () => {
    // The diagnostics VS Code holds may still be those of the first analysis for a moment; ask
    // again until the server's actions for the current ones arrive, as a user's next Ctrl+. would.
    let actions: vscode.CodeAction[] = [];
    const preferred = await waitForAsync(async () => {
      const chose = heard(document.uri).find((d) => codeOf(d) === 'lsp-chose-to');
      if (!chose) return undefined;
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, chose.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((a) => a.isPreferred);
    }, 'a preferred quick fix');
    assert.strictEqual(preferred.title, 'Replace with “was pressured”');
    assert.ok(actions.some((a) => a.title === 'Disable lsp-chose-to for this line'));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    await waitFor(() => !heard(document.uri).some((d) => codeOf(d) === 'lsp-chose-to'), 'the finding to disappear');
  });

  it('fix-all applies only safe rewrites', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.heard',
    );
    assert.strictEqual(actions.length, 1);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.match(document.getText(), /A boy called\./);
    assert.match(document.getText(), /She is streetwise\./, 'a rewrite with a [placeholder] is left for the writer');
  });

  it('a changed severity setting changes the diagnostics', async () => {
    const config = vscode.workspace.getConfiguration('heard', document.uri);
    const before = config.inspect<Record<string, string>>('rules')!.workspaceValue ?? {};
    await config.update('rules', { ...before, 'lsp-streetwise': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => heard(document.uri).find((d) => codeOf(d) === 'lsp-streetwise' && d.severity === vscode.DiagnosticSeverity.Error), 'an error');
    } finally {
      await config.update('rules', before, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Heard: Check workspace" puts findings of closed files into Problems', async () => {
    const closed = vscode.Uri.joinPath(folder(), 'closed.md');
    await vscode.commands.executeCommand('heard.checkWorkspace');
    const diagnostics = await waitFor(() => heard(closed).length > 0 && heard(closed), 'workspace findings');
    assert.deepStrictEqual(diagnostics.map(codeOf), ['lsp-chose-to']);
  });

  it('"Heard: Set profile for this file" writes front matter', async () => {
    await vscode.commands.executeCommand('heard.setProfile', document.uri, 'review');
    assert.match(document.getText(), /^---\nprofile: review\n---\n/);
  });

  it('"Heard: Show rule documentation" opens the rule', async () => {
    await vscode.commands.executeCommand('heard.showRuleDocumentation', 'lsp-streetwise');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('lsp-rules.yaml'), 'the rule to open');
  });
});

// The VS Code extension: a thin client. It starts the Heard language server (which owns the
// engine), shows the active document's finding count, and offers three commands. Settings reach
// the server through `workspace/configuration`, which vscode-languageclient answers from `heard.*`.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  CheckWorkspaceMethod,
  DIAGNOSTIC_SOURCE,
  RulesRequestMethod,
  ServerCommands,
  type CheckWorkspaceResult,
  type RulesResult,
  WorkspaceTrustNotificationMethod,
  type WorkspaceTrustParams,
} from '../../server/src/lsp/protocol';

const BUILT_IN_LANGUAGES = ['markdown', 'plaintext'];
const PROFILES: Array<{ id: string; description: string }> = [
  { id: 'case-note', description: 'Case notes and records: every word the writer uses is checked as the writer’s own' },
  { id: 'review', description: 'Practice reviews: quoted and attributed wording that the review examines passes' },
];
/** Files sent to the server per `heard/checkWorkspace` request, so progress moves and cancel is quick. */
const CHECK_BATCH = 20;

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;
let statusBar: vscode.StatusBarItem;
let workspaceFindings: vscode.DiagnosticCollection;
let output: vscode.LogOutputChannel;

function configuredLanguages(): string[] {
  const extra = vscode.workspace.getConfiguration('heard').get<string[]>('languages') ?? [];
  return [...new Set([...BUILT_IN_LANGUAGES, ...extra.filter((l) => typeof l === 'string' && l.trim() !== '')])];
}

function isChecked(document: vscode.TextDocument): boolean {
  return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && configuredLanguages().includes(document.languageId);
}

/** The bundled server in a packaged extension, the tsc output in a development checkout. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath('dist/server.js');
  return fs.existsSync(bundled) ? bundled : context.asAbsolutePath('out/server/src/lsp/main.js');
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Only real files and unsaved drafts: never output panels, diffs or other virtual documents.
    documentSelector: configuredLanguages().flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    diagnosticCollectionName: 'heard',
    outputChannel: output,
    // In an untrusted workspace VS Code withholds the workspace's heard.lexicon; the server must
    // also leave out the lexicon: files of .heard.yaml, which it reads from disk itself.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('heard', 'Heard', serverOptions, clientOptions);
  await client.start();
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  await old?.stop();
  starting = startClient(context);
  await starting;
}

async function runningClient(): Promise<LanguageClient> {
  await starting;
  if (!client) throw new Error('the Heard language server is not running');
  return client;
}

function updateStatusBar(): void {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !isChecked(document) || !vscode.workspace.getConfiguration('heard', document.uri).get<boolean>('enable', true)) {
    statusBar.hide();
    return;
  }
  const count = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
  statusBar.text = count === 0 ? '$(check) Heard' : `$(eye) Heard: ${count}`;
  statusBar.tooltip = `${count === 0 ? 'No' : count} Heard finding${count === 1 ? '' : 's'} in this document. Click to open Problems.`;
  statusBar.show();
}

/** File extensions VS Code (and installed extensions) associate with the checked languages. */
function fileExtensions(languages: string[]): string[] {
  const found = new Set<string>();
  for (const extension of vscode.extensions.all) {
    const contributed = (extension.packageJSON?.contributes?.languages ?? []) as Array<{ id?: string; extensions?: string[] }>;
    for (const language of contributed) {
      if (language.id && languages.includes(language.id)) for (const ext of language.extensions ?? []) found.add(ext.replace(/^\./, ''));
    }
  }
  // VS Code registers plain text (.txt) in its core, not through an extension's manifest.
  if (languages.includes('plaintext')) found.add('txt');
  if (found.size === 0) ['md', 'markdown', 'txt'].forEach((e) => found.add(e));
  return [...found].sort();
}

async function checkWorkspace(): Promise<void> {
  const languageClient = await runningClient();
  const extensions = fileExtensions(configuredLanguages());
  const files = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, '**/node_modules/**');
  if (files.length === 0) {
    void vscode.window.showInformationMessage(`Heard: no files to check (looked for *.${extensions.join(', *.')}).`);
    return;
  }
  const open = new Set(vscode.workspace.textDocuments.filter(isChecked).map((d) => d.uri.toString()));
  let findings = 0;
  let withFindings = 0;
  let checked = 0;
  const skipped: string[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Heard: checking the workspace', cancellable: true },
    async (progress, token) => {
      workspaceFindings.clear();
      for (let i = 0; i < files.length && !token.isCancellationRequested; i += CHECK_BATCH) {
        const batch = files.slice(i, i + CHECK_BATCH);
        progress.report({ message: `${i} of ${files.length} files`, increment: (batch.length / files.length) * 100 });
        const result = await languageClient.sendRequest<CheckWorkspaceResult>(CheckWorkspaceMethod, { uris: batch.map((u) => u.toString()) }, token);
        for (const file of result.files) {
          checked++;
          if (file.skipped) skipped.push(`${vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri))}: ${file.skipped}`);
          if (file.diagnostics.length > 0) {
            withFindings++;
            findings += file.diagnostics.length;
          }
          // Open documents already have live diagnostics from the server.
          if (open.has(file.uri)) continue;
          const diagnostics = await languageClient.protocol2CodeConverter.asDiagnostics(file.diagnostics as never);
          workspaceFindings.set(vscode.Uri.parse(file.uri), diagnostics);
        }
      }
    },
  );
  for (const line of skipped) output.info(`Check workspace: skipped ${line}`);
  const summary = `Heard checked ${checked} of ${files.length} files: ${findings} finding${findings === 1 ? '' : 's'} in ${withFindings} file${withFindings === 1 ? '' : 's'}${skipped.length ? `, ${skipped.length} skipped (see Output › Heard)` : ''}.`;
  // Not awaited: the command is done when the findings are in Problems, not when the message closes.
  void vscode.window.showInformationMessage(summary, 'Open Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

async function openDocumentation(uri: string): Promise<void> {
  const target = vscode.Uri.parse(uri);
  const line = /^L(\d+)$/.exec(target.fragment);
  if (line) {
    // An organisation's own rule: its entry in the lexicon file.
    const position = new vscode.Position(Number(line[1]) - 1, 0);
    await vscode.window.showTextDocument(target.with({ fragment: '' }), { selection: new vscode.Range(position, position) });
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', target);
  } catch {
    await vscode.window.showTextDocument(target);
  }
}

async function showRuleDocumentation(ruleId?: string): Promise<void> {
  const languageClient = await runningClient();
  const scope = vscode.window.activeTextEditor?.document.uri.toString();
  const { rules } = await languageClient.sendRequest<RulesResult>(RulesRequestMethod, { uri: scope });
  const documented = rules.filter((r) => r.documentation);
  let rule = ruleId ? documented.find((r) => r.id === ruleId) : undefined;
  if (!rule) {
    const picked = await vscode.window.showQuickPick(
      documented.map((r) => ({ label: r.id, description: `${r.category} · ${r.severity}`, detail: r.message, rule: r })),
      { title: 'Heard: rule documentation', placeHolder: 'Type a rule id, category or words from its message', matchOnDescription: true, matchOnDetail: true },
    );
    rule = picked?.rule;
  }
  if (rule?.documentation) await openDocumentation(rule.documentation);
}

async function setProfile(uri?: vscode.Uri, profile?: string): Promise<void> {
  const languageClient = await runningClient();
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !isChecked(document)) {
    void vscode.window.showWarningMessage('Heard: open a Markdown or plain-text document to set its profile.');
    return;
  }
  let chosen = profile;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      PROFILES.map((p) => ({ label: p.id, detail: p.description })),
      { title: 'Heard: profile for this file (written as front matter)' },
    );
    chosen = picked?.label;
  }
  if (!chosen) return;
  await languageClient.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.setProfile, arguments: [document.uri.toString(), chosen] });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Heard', { log: true });
  workspaceFindings = vscode.languages.createDiagnosticCollection('heard-workspace');
  statusBar = vscode.window.createStatusBarItem('heard.findings', vscode.StatusBarAlignment.Right, 100);
  statusBar.name = 'Heard findings';
  statusBar.command = 'workbench.actions.view.problems';
  context.subscriptions.push(
    output,
    workspaceFindings,
    statusBar,
    vscode.commands.registerCommand('heard.checkWorkspace', checkWorkspace),
    vscode.commands.registerCommand('heard.showRuleDocumentation', showRuleDocumentation),
    vscode.commands.registerCommand('heard.setProfile', setProfile),
    vscode.languages.onDidChangeDiagnostics(updateStatusBar),
    vscode.window.onDidChangeActiveTextEditor(updateStatusBar),
    // Once a file is open the server's live diagnostics replace the workspace check's.
    vscode.workspace.onDidOpenTextDocument((document) => workspaceFindings.delete(document.uri)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void runningClient().then(
        (running) => running.sendNotification(WorkspaceTrustNotificationMethod, { trusted: true } satisfies WorkspaceTrustParams),
        () => undefined,
      );
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('heard.languages')) void restartClient(context);
      if (event.affectsConfiguration('heard')) updateStatusBar();
    }),
  );
  starting = startClient(context);
  await starting;
  updateStatusBar();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

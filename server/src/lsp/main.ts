// Entry point of the language server. The transport comes from the command line, as every LSP
// client passes it: `--stdio` (Neovim, Helix, Emacs, Sublime, `heard lsp --stdio`) or
// `--node-ipc` (the VS Code client).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createHeardServer } from './server';

export function runLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  createHeardServer(connection);
  connection.listen();
}

// Started directly (`node out/server/src/lsp/main.js --stdio`, or the bundled dist/server.js).
if (require.main === module) runLanguageServer();

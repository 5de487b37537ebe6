// Entry point of the language server. The transport comes from the command line, as every LSP
// client passes it: `--stdio` (Neovim, Helix, Emacs, Sublime, `heard lsp --stdio`) or
// `--node-ipc` (the VS Code client).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createHeardServer } from './server';

export function runLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  // Every request the server sends handles its error reply (server.ts, bestEffort). Should one be
  // missed, Node's default for an unhandled rejection is to exit, which would take the editor's
  // checking down with it: say so on standard error (the client's log) and keep serving.
  process.on('unhandledRejection', (reason) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    process.stderr.write(`Heard language server: unhandled promise rejection (please report it): ${detail}\n`);
  });
  createHeardServer(connection);
  connection.listen();
}

// Started directly (`node out/server/src/lsp/main.js --stdio`, or the bundled dist/server.js).
if (require.main === module) runLanguageServer();

// What the server says to the client, and what it can do without: every request or notification
// the server sends goes through `bestEffort` (an error reply, a closed connection or a method the
// client does not know is logged, never thrown); messages shown once per key; and the protocol's
// rule that nothing is done after `shutdown`.
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { errorMessage } from './analysis';

/** What the client said it can do, reduced to the decisions the server makes. */
export interface Negotiated {
  configuration: boolean;
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  codeActionLiterals: boolean;
  versionedEdits: boolean;
  markdownHover: boolean;
  showDocument: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchers: boolean;
  workspaceFolders: boolean;
}

export function negotiate(capabilities: ClientCapabilities): Negotiated {
  const text = capabilities.textDocument;
  const workspace = capabilities.workspace;
  return {
    configuration: !!workspace?.configuration,
    pullDiagnostics: !!text?.diagnostic,
    diagnosticRefresh: !!workspace?.diagnostics?.refreshSupport,
    codeActionLiterals: !!text?.codeAction?.codeActionLiteralSupport,
    versionedEdits: !!workspace?.workspaceEdit?.documentChanges,
    markdownHover: !!text?.hover?.contentFormat?.includes('markdown'),
    showDocument: !!capabilities.window?.showDocument?.support,
    dynamicConfiguration: !!workspace?.didChangeConfiguration?.dynamicRegistration,
    dynamicWatchers: !!workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolders: !!workspace?.workspaceFolders,
  };
}

export class ClientChannel {
  /** What the client can do; set by `initialize`. */
  caps: Negotiated = negotiate({});
  /** Set by `shutdown`: from then on nothing is checked or published, and requests get an error. */
  shuttingDown = false;
  private readonly notified = new Set<string>();

  constructor(readonly connection: Connection) {}

  /**
   * Runs a request to the client (or a notification) whose answer the server can do without: an
   * error reply, a closed connection or a client that does not know the method is logged, never
   * thrown. Every request the server sends goes through here or handles its error itself.
   */
  bestEffort<T>(what: string, send: () => Promise<T>): Promise<T | undefined> {
    let sent: Promise<T>;
    try {
      sent = send();
    } catch (error) {
      sent = Promise.reject(error);
    }
    return sent.catch((error: unknown) => {
      try {
        this.connection.console.warn(`Heard: ${what} failed: ${errorMessage(error)}`);
      } catch {
        // The connection is gone: nothing to tell.
      }
      return undefined;
    });
  }

  /** Requests that arrive after `shutdown` are refused, as the protocol asks. */
  refuseAfterShutdown(): void {
    if (this.shuttingDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the Heard language server is shutting down');
  }

  /** A message shown once per key (until `forget`), never after shutdown. */
  notifyOnce(key: string, type: MessageType, message: string): void {
    if (this.notified.has(key) || this.shuttingDown) return;
    this.notified.add(key);
    this.showMessage(type, message);
  }

  /** Lets the messages whose keys start with `prefix` be shown again. */
  forget(prefix: string): void {
    for (const key of [...this.notified]) if (key.startsWith(prefix)) this.notified.delete(key);
  }

  showMessage(type: MessageType, message: string): void {
    void this.bestEffort('window/showMessage', () => this.connection.sendNotification(ShowMessageNotification.type, { type, message }));
  }
}

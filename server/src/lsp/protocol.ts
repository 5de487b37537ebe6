// Names and shapes shared by the language server and the VS Code client. No runtime imports:
// the client bundle includes this file and must not pull in the engine.

/** The `source` of every diagnostic Heard publishes. */
export const DIAGNOSTIC_SOURCE = 'heard';

/** The configuration section the server asks the client for (`workspace/configuration`). */
export const SETTINGS_SECTION = 'heard';

/** The code action kind of "apply every safe rewrite in this document". */
export const FIX_ALL_KIND = 'source.fixAll.heard';

/** Commands the server executes (`workspace/executeCommand`). */
export const ServerCommands = {
  /** Arguments: `[ruleId: string]`. Opens the rule's documentation page. */
  openRuleDocumentation: '_heard.openRuleDocumentation',
  /** Arguments: `[uri: string, profile: 'case-note' | 'review']`. Writes `profile:` front matter. */
  setProfile: '_heard.setProfile',
  /** Arguments: `[uri: string, phrase: string]`. Adds the phrase to `allow:` in the workspace's `.heard.yaml`. */
  allowPhrase: '_heard.allowPhrase',
} as const;

/** `heard/rules`: every rule of the lexicon that applies to a document (core and organisation). */
export const RulesRequestMethod = 'heard/rules';
export interface RulesParams {
  /** The document whose configuration decides extra lexicon files and severities. */
  uri?: string;
}
export interface RuleSummary {
  id: string;
  category: string;
  /** Severity after configuration, or `off`. */
  severity: string;
  message: string;
  /** The rule's documentation page (a `file:` URI), when there is one. */
  documentation?: string;
}
export interface RulesResult {
  rules: RuleSummary[];
}

/** `heard/checkWorkspace`: lint files from disk (open documents use their editor text). */
export const CheckWorkspaceMethod = 'heard/checkWorkspace';
export interface CheckWorkspaceParams {
  uris: string[];
}
export interface CheckedFile {
  uri: string;
  /** LSP diagnostics, as published for an open document. */
  diagnostics: unknown[];
  /** Why the file was not checked (too large, binary, not UTF-8, ignored by configuration, config error). */
  skipped?: string;
}
export interface CheckWorkspaceResult {
  files: CheckedFile[];
}

/**
 * Workspace trust (VS Code). The client says whether the workspace is trusted in
 * `initializationOptions.workspaceTrusted` (absent: trusted, as for editors without the notion) and
 * sends this notification when the user grants trust. Untrusted, the server does not load the
 * `lexicon:` files of `.heard.yaml`, as VS Code already withholds the workspace's `heard.lexicon`.
 */
export const WorkspaceTrustNotificationMethod = 'heard/didChangeWorkspaceTrust';
export interface WorkspaceTrustParams {
  trusted: boolean;
}

// One document through the engine: resolve its settings with the same resolver as the CLI,
// check its size, analyse it with the document's paragraph cache, and turn findings into
// diagnostics. Used for open documents and for files read from disk by "Check workspace".
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, type AnalysisCache, type CompiledLexicon, type DocumentFormat, type Finding } from '../engine';
import { ConfigError, resolveSettings, type ConfigProblem, type ResolvedSettings } from '../node/config';
import { directiveFindings } from '../node/directives';
import { problemDiagnostic, toDiagnostic } from './diagnostics';
import { DEFAULT_MAX_FILE_SIZE, toOverrides, type EditorSettings } from './settings';

export type Outcome =
  | { status: 'checked'; findings: Finding[]; diagnostics: Diagnostic[]; lexicon: CompiledLexicon; resolved: ResolvedSettings }
  | { status: 'disabled'; diagnostics: Diagnostic[] }
  | { status: 'too-large'; diagnostics: Diagnostic[]; bytes: number; limit: number }
  | { status: 'error'; diagnostics: Diagnostic[]; reason: string; config?: { file: string; problems: ConfigProblem[] } };

/** The file system path of a `file:` URI; other schemes (untitled, git) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The workspace folder (a path) that holds `file`, the deepest one if folders nest. */
export function folderFor(file: string | undefined, folders: string[]): string | undefined {
  if (!file) return folders[0];
  let best: string | undefined;
  for (const folder of folders) {
    const inside = file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
    if (inside && (!best || folder.length > best.length)) best = folder;
  }
  return best ?? folders[0];
}

/** Settings for a document: `.heard.yaml` found from its path, editor settings layered on top. */
export function resolveFor(file: string | undefined, settings: EditorSettings, folder: string | undefined): ResolvedSettings {
  return resolveSettings(file, { overrides: toOverrides(settings, folder), cwd: folder, ignoreConfigLexicon: settings.workspaceTrusted === false });
}

export function maxFileSize(resolved: ResolvedSettings): number {
  return resolved.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
}

/** Markdown or plain text: the editor's language id first, else the file name. */
export function formatFor(languageId: string | undefined, resolved: ResolvedSettings): DocumentFormat {
  if (languageId === 'markdown') return 'markdown';
  if (languageId === 'plaintext') return 'plaintext';
  return resolved.format;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Analyses an open document (or a file's text wrapped in a TextDocument). Never throws. */
export function checkDocument(document: TextDocument, settings: EditorSettings, folders: string[], cache: AnalysisCache): Outcome {
  if (!settings.enable) return { status: 'disabled', diagnostics: [] };
  const file = uriToPath(document.uri);
  let resolved: ResolvedSettings;
  try {
    resolved = resolveFor(file, settings, folderFor(file, folders));
  } catch (error) {
    const reason = errorMessage(error);
    // A broken config file is also shown on the file itself, at each problem's line.
    const config = error instanceof ConfigError && error.file ? { file: error.file, problems: error.problems } : undefined;
    return { status: 'error', reason, diagnostics: [problemDiagnostic(reason)], ...(config ? { config } : {}) };
  }
  const text = document.getText();
  const limit = maxFileSize(resolved);
  // Cheap upper bound first: UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const bytes = text.length * 3 > limit ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > limit) return { status: 'too-large', diagnostics: [], bytes, limit };
  return analyseResolved(document, text, resolved, cache);
}

export function analyseResolved(document: TextDocument, text: string, resolved: ResolvedSettings, cache: AnalysisCache): Outcome {
  try {
    const format = formatFor(document.languageId, resolved);
    const result = analyse(text, { lexicon: resolved.lexicon, format, profile: resolved.profile, config: resolved.config, cache });
    // Disable comments with no reason or an unknown rule id are findings too.
    const problems = directiveFindings(text, format, resolved.lexicon, resolved.config);
    const findings = problems.length > 0 ? [...result.findings, ...problems].sort((a, b) => a.offset - b.offset) : result.findings;
    return {
      status: 'checked',
      findings,
      diagnostics: findings.map((f) => toDiagnostic(f, document, resolved.lexicon, resolved.config.lexicon)),
      lexicon: resolved.lexicon,
      resolved,
    };
  } catch (error) {
    const reason = `internal error: ${errorMessage(error)}`;
    return { status: 'error', reason, diagnostics: [problemDiagnostic(reason)] };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

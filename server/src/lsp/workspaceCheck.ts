// "Heard: Check workspace": lint files from disk that are not open, so their findings reach the
// Problems view. Files are read only after their size is known; binary and invalid UTF-8 files
// are skipped with a reason, never half-read.
import * as path from 'path';
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../engine';
import { analyseResolved, errorMessage, folderFor, formatBytes, maxFileSize, resolveFor, uriToPath } from './analysis';
import { problemDiagnostic } from './diagnostics';
import { ReadRefused, readRegularFile } from '../node/safeRead';
import type { CheckedFile } from './protocol';
import type { EditorSettings } from './settings';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Whether `.heard.yaml`'s `ignore:` globs (relative to the config file) exclude the file. */
function ignoredByConfig(file: string, ignore: string[] | undefined, configFile: string | undefined, folder: string | undefined): boolean {
  if (!ignore?.length) return false;
  const base = configFile ? path.dirname(configFile) : folder;
  if (!base) return false;
  const relative = path.relative(base, file).split(path.sep).join('/');
  return picomatch(ignore, { dot: true })(relative);
}

function languageIdFor(file: string): string {
  return /\.(md|markdown|mdx|mdown)$/i.test(file) ? 'markdown' : 'plaintext';
}

/** Checks one file from disk. */
export function checkFile(uri: string, settings: EditorSettings, folders: string[], cache: AnalysisCache): CheckedFile {
  const file = uriToPath(uri);
  if (!file) return { uri, diagnostics: [], skipped: 'not a file on disk' };
  if (!settings.enable) return { uri, diagnostics: [], skipped: 'Heard is disabled for this file (heard.enable)' };
  const folder = folderFor(file, folders);
  let resolved;
  try {
    resolved = resolveFor(file, settings, folder);
  } catch (error) {
    const reason = errorMessage(error);
    return { uri, diagnostics: [problemDiagnostic(reason)], skipped: reason };
  }
  if (ignoredByConfig(file, resolved.config.ignore, resolved.configFile, folder)) return { uri, diagnostics: [], skipped: 'ignored by the project configuration' };
  let bytes: Buffer;
  const limit = maxFileSize(resolved);
  try {
    // A regular file only: a named pipe would block the server, a device fill its memory.
    bytes = readRegularFile(file, limit);
  } catch (error) {
    if (error instanceof ReadRefused && error.size !== undefined) {
      return { uri, diagnostics: [], skipped: `${formatBytes(error.size)} is larger than the maximum file size (${formatBytes(limit)})` };
    }
    return { uri, diagnostics: [], skipped: `could not read the file: ${errorMessage(error)}` };
  }
  if (bytes.includes(0)) return { uri, diagnostics: [], skipped: 'binary file' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { uri, diagnostics: [], skipped: 'not valid UTF-8' };
  }
  const document = TextDocument.create(uri, languageIdFor(file), 0, text);
  const outcome = analyseResolved(document, text, resolved, cache);
  return { uri, diagnostics: outcome.diagnostics, ...(outcome.status === 'error' ? { skipped: outcome.reason } : {}) };
}

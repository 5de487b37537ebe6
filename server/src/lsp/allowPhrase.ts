// "Allow this phrase in this workspace": adds the flagged words to `allow:` in the workspace's
// `.heard.yaml`, creating the file if there is none. The yaml package's Document API edits the
// file's syntax tree, so comments, order and layout of everything else stay as they were.
import * as path from 'path';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { findConfigFile } from '../node/config';

/**
 * The config file an allowed phrase goes to: the one the document is checked with, when it lies
 * inside the workspace folder; otherwise a new `.heard.yaml` at the folder's root (a config file
 * above the workspace is shared with other projects and is not Heard's to change).
 */
export function workspaceConfigFile(documentPath: string, folder: string): string {
  const found = findConfigFile(path.dirname(documentPath));
  const relative = found && path.relative(folder, found);
  if (found && relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return found;
  return path.join(folder, '.heard.yaml');
}

export type AllowOutcome = { changed: true; text: string } | { changed: false; reason: string };

/**
 * The config text with `phrase` added to `allow:` (a new file when `text` is undefined). Already
 * allowed (in any case, as the engine compares): unchanged. A file that is not valid YAML, or whose
 * `allow:` is not a list, is left alone with a reason.
 */
export function addAllowedPhrase(text: string | undefined, phrase: string): AllowOutcome {
  const document = parseDocument(text ?? '');
  if (document.errors.length > 0) return { changed: false, reason: `it is not valid YAML (${document.errors[0].message.split('\n')[0]})` };
  if (document.contents !== null && !isMap(document.contents)) {
    return { changed: false, reason: 'it does not hold a map of settings' };
  }
  const allow = document.get('allow', true);
  if (allow !== undefined && allow !== null && !isSeq(allow)) return { changed: false, reason: 'its allow: is not a list' };
  const existing = isSeq(allow) ? allow.items.map((item) => String((item as { value?: unknown }).value ?? item).toLowerCase()) : [];
  if (existing.includes(phrase.toLowerCase())) return { changed: false, reason: `“${phrase}” is already allowed` };
  if (isSeq(allow)) {
    allow.add(document.createNode(phrase));
  } else {
    const list = new YAMLSeq();
    list.add(document.createNode(phrase));
    document.set('allow', list);
  }
  // `[a]` stays `[a]` (the library's default pads it to `[ a ]`).
  return { changed: true, text: document.toString({ flowCollectionPadding: false }) };
}

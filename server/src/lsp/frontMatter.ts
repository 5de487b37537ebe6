// "Set profile for this file" writes `profile:` into the document's front matter, which the engine
// reads in Markdown and plain text alike, and which travels with the file (editor, CLI and CI agree).
import { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Profile } from '../engine';

// Same shape the engine accepts: optional BOM, `---` line, YAML, closing `---` or `...` line.
const FRONT_MATTER = /^(\uFEFF?---[ \t]*)(\r?\n)([\s\S]*?)(\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const PROFILE_LINE = /^((?:heard-)?profile[ \t]*:)[^\r\n]*$/m;

/** The edit that sets the document's profile, adding front matter when there is none. */
export function setProfileEdit(document: TextDocument, profile: Profile): TextEdit {
  const text = document.getText();
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    const bodyStart = fm[1].length + fm[2].length;
    const body = fm[3];
    const line = PROFILE_LINE.exec(body);
    if (line) {
      const start = bodyStart + line.index + line[1].length;
      const end = bodyStart + line.index + line[0].length;
      return TextEdit.replace({ start: document.positionAt(start), end: document.positionAt(end) }, ` ${profile}`);
    }
    return TextEdit.insert(document.positionAt(bodyStart), `profile: ${profile}${fm[2]}`);
  }
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const at = text.startsWith('\uFEFF') ? 1 : 0;
  const gap = text.length === at || /^\r?\n/.test(text.slice(at)) ? '' : eol;
  return TextEdit.insert(document.positionAt(at), `---${eol}profile: ${profile}${eol}---${eol}${gap}`);
}

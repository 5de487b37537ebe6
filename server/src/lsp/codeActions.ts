// Code actions: a quick fix per suggested rewrite (the first preferred), "Disable <rule> for this
// line", "Allow <words> in this workspace", "Open rule documentation", and `source.fixAll.heard`
// (safe rewrites only).
import { CodeActionKind, TextDocumentEdit, TextEdit, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, isSafeRewrite, type Finding } from '../engine';
import { DIRECTIVE_RULE_IDS } from '../node/directives';
import { isDiagnosticData, type DiagnosticData } from './diagnostics';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, ServerCommands } from './protocol';

/** A text edit for the document, versioned when the client can refuse stale edits. */
export function documentEdit(document: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned) return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
  return { changes: { [document.uri]: edits } };
}

/** Whether a request's `only` filter lets actions of `kind` through (kinds are dot-separated hierarchies). */
export function kindRequested(only: string[] | undefined, kind: string): boolean {
  if (!only) return true;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The fix data of a Heard diagnostic: from `diagnostic.data`, or, for clients that drop `data`,
 * from the current findings at the same range.
 */
export function fixDataFor(diagnostic: Diagnostic, document: TextDocument, findings: Finding[] | undefined): DiagnosticData | undefined {
  if (isDiagnosticData(diagnostic.data)) return diagnostic.data;
  const match = findings?.find(
    (f) => f.ruleId === diagnostic.code && sameRange({ start: document.positionAt(f.offset), end: document.positionAt(f.offset + f.length) }, diagnostic.range),
  );
  return match && { ruleId: match.ruleId, text: match.text, suggestions: match.suggestions, ...(match.fixNotSafe ? { fixNotSafe: true } : {}) };
}

/**
 * Where the flagged words are now: the diagnostic's range if the document still holds them
 * there; otherwise the current finding of the same rule on the same line (some clients send
 * ranges back in their own units, e.g. Neovim 0.7 in bytes). Undefined when the words are gone.
 */
export function locate(diagnostic: Diagnostic, data: DiagnosticData, document: TextDocument, findings: Finding[] | undefined): Range | undefined {
  if (document.getText(diagnostic.range) === data.text) return diagnostic.range;
  const line = diagnostic.range.start.line;
  let best: Range | undefined;
  let bestDistance = Infinity;
  for (const f of findings ?? []) {
    if (f.ruleId !== data.ruleId || f.text !== data.text) continue;
    const range = { start: document.positionAt(f.offset), end: document.positionAt(f.offset + f.length) };
    if (range.start.line !== line) continue;
    const distance = Math.abs(range.start.character - diagnostic.range.start.character);
    if (distance < bestDistance) {
      best = range;
      bestDistance = distance;
    }
  }
  return best;
}

export function isHeardDiagnostic(diagnostic: Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'string' && diagnostic.code !== 'configuration';
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

function eolOf(document: TextDocument): string {
  const text = document.getText();
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The suppression comment for one line. Above the line (`disable-next-line`) when the line starts a
 * block; at its end (`disable-line`) inside a paragraph or a table row, where a comment on a line
 * of its own would split the paragraph or break the table.
 */
export function disableLineEdit(document: TextDocument, line: number, ruleId: string): TextEdit {
  const text = lineText(document, line);
  const previous = line > 0 ? lineText(document, line - 1) : '';
  // The line above already disables other rules for this line: add this rule to its list, since
  // a second comment in between would move the first one off its line.
  const existing = /^(\s*<!--\s*heard-disable-next-line\s+)(\S.*?)(\s+--(?!>).*)?\s*-->\s*$/.exec(previous);
  if (existing) return TextEdit.insert({ line: line - 1, character: existing[1].length + existing[2].trimEnd().length }, `, ${ruleId}`);
  const startsBlock = previous.trim() === '' || /^\s*(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>)/.test(text) || /^\s*<!--.*-->\s*$/.test(previous);
  if (startsBlock && !/^\s*\|/.test(text)) {
    const indent = /^[ \t]*/.exec(text)![0];
    return TextEdit.insert({ line, character: 0 }, `${indent}<!-- heard-disable-next-line ${ruleId} -- reason -->${eolOf(document)}`);
  }
  return TextEdit.insert({ line, character: text.length }, ` <!-- heard-disable-line ${ruleId} -- reason -->`);
}

export interface QuickFixOptions {
  versioned: boolean;
  /** Current findings, for diagnostics that arrive without `data`. */
  findings?: Finding[];
}

/** Quick fixes for the Heard diagnostics the client sent in the request context. */
export function quickFixes(document: TextDocument, diagnostics: Diagnostic[], options: QuickFixOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const disabled = new Set<string>();
  const documented = new Set<string>();
  const allowed = new Set<string>();
  for (const diagnostic of diagnostics.filter(isHeardDiagnostic)) {
    const data = fixDataFor(diagnostic, document, options.findings);
    const range = data && locate(diagnostic, data, document, options.findings);
    // A diagnostic from an older version of the text: never rewrite words that are not there.
    if (!data || !range) continue;
    data.suggestions.forEach((suggestion, i) => {
      const placeholder = isSafeRewrite(suggestion) ? '' : ' (fill in the [brackets])';
      actions.push({
        title: `Replace with “${suggestion}”${placeholder}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        // Editors apply the preferred fix on their own: never one that could change the meaning.
        isPreferred: i === 0 && !data.fixNotSafe,
        edit: documentEdit(document, [TextEdit.replace(range, suggestion)], options.versioned),
      });
    });
    // A finding about a heard-disable comment cannot be disabled, and has no rule page.
    if (DIRECTIVE_RULE_IDS.includes(data.ruleId)) continue;
    const line = range.start.line;
    if (!disabled.has(`${data.ruleId}@${line}`)) {
      disabled.add(`${data.ruleId}@${line}`);
      actions.push({
        title: `Disable ${data.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: documentEdit(document, [disableLineEdit(document, line, data.ruleId)], options.versioned),
      });
    }
    // The engine compares allowed phrases without case: one action per phrase.
    const phrase = data.text.trim();
    if (phrase !== '' && !allowed.has(phrase.toLowerCase())) {
      allowed.add(phrase.toLowerCase());
      const title = `Allow “${phrase}” in this workspace`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: ServerCommands.allowPhrase, arguments: [document.uri, phrase] } });
    }
    if (!documented.has(data.ruleId)) {
      documented.add(data.ruleId);
      actions.push({
        title: `Open documentation for ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Open documentation for ${data.ruleId}`, command: ServerCommands.openRuleDocumentation, arguments: [data.ruleId] },
      });
    }
  }
  return actions;
}

/** Every safe rewrite of the document in one versioned edit, or nothing when there is none. */
export function fixAllAction(document: TextDocument, findings: Finding[], versioned: boolean): CodeAction | undefined {
  // Which rule a heard-disable comment names is a judgement: never changed by "fix all".
  const { applied } = applyFixes(
    document.getText(),
    findings.filter((f) => !DIRECTIVE_RULE_IDS.includes(f.ruleId)),
  );
  if (applied.length === 0) return undefined;
  const edits = applied.map(({ finding, replacement }) =>
    TextEdit.replace({ start: document.positionAt(finding.offset), end: document.positionAt(finding.offset + finding.length) }, replacement),
  );
  return {
    title: `Heard: apply ${applied.length} safe rewrite${applied.length === 1 ? '' : 's'}`,
    kind: FIX_ALL_KIND,
    edit: documentEdit(document, edits, versioned),
  };
}

// Findings → LSP diagnostics. Ranges come from the LSP TextDocument (UTF-16, with its own idea of
// line breaks, including a lone CR), so they match what the client shows whatever the line endings.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompiledLexicon, Finding, Severity } from '../engine';
import type { ConfigProblem } from '../node/config';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { ruleDocumentationUri } from './rulePages';
import { CATEGORY_LABELS } from './ruleText';

/** What a quick fix needs, carried in `diagnostic.data` so code actions do not re-run the engine. */
export interface DiagnosticData {
  ruleId: string;
  /** The flagged text, to check the document still holds it before editing. */
  text: string;
  suggestions: string[];
  /** The first rewrite could change the meaning here: offered, but not marked preferred (editors auto-apply preferred fixes). */
  fixNotSafe?: boolean;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  const d = value as DiagnosticData;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.ruleId === 'string' &&
    typeof d.text === 'string' &&
    Array.isArray(d.suggestions) &&
    d.suggestions.every((s) => typeof s === 'string')
  );
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function normalised(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

/** The message starting with its category, unless the lexicon wrote it that way already. */
export function messageWithCategory(finding: Pick<Finding, 'category' | 'message'>): string {
  const label = CATEGORY_LABELS[finding.category] ?? finding.category;
  const head = normalised(finding.message.split(':')[0]);
  if (finding.message.includes(':') && (head === normalised(label) || head === normalised(finding.category))) return finding.message;
  return `${label}: ${finding.message}`;
}

/** `extraLexicon`: the organisation lexicon files in use (their rules link to the file, not a page). */
export function toDiagnostic(finding: Finding, document: TextDocument, lexicon: CompiledLexicon, extraLexicon: readonly string[] = []): Diagnostic {
  const entry = lexicon.byId.get(finding.ruleId)?.entry;
  const href = entry ? ruleDocumentationUri(entry, extraLexicon) : undefined;
  const data: DiagnosticData = { ruleId: finding.ruleId, text: finding.text, suggestions: finding.suggestions, ...(finding.fixNotSafe ? { fixNotSafe: true } : {}) };
  return {
    range: { start: document.positionAt(finding.offset), end: document.positionAt(finding.offset + finding.length) },
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: messageWithCategory(finding),
    data,
  };
}

/** A diagnostic at the top of the document saying why it could not be checked. */
export function problemDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'configuration',
    source: DIAGNOSTIC_SOURCE,
    message: `Heard could not check this document: ${message}`,
  };
}

/** LSP clamps a character past the end of the line to the line's end. */
const END_OF_LINE = 2147483647;

/** One error per problem of a broken config file, on the line the problem is at (the whole line). */
export function configFileDiagnostics(problems: ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const line = Math.max(0, (p.line ?? 1) - 1);
    return {
      range: { start: { line, character: 0 }, end: { line, character: END_OF_LINE } },
      severity: DiagnosticSeverity.Error,
      code: 'configuration',
      source: DIAGNOSTIC_SOURCE,
      message: p.message,
    };
  });
}

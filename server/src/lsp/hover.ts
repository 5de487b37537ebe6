// Hover on a finding: why the wording matters, the preferred wording, and where the advice comes from.
// Not the message: the editor shows the diagnostic's message right above the hover already.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompiledLexicon, Finding } from '../engine';
import { ruleDocumentationUri } from './rulePages';
import { citationMarkdown, citationPlain, escapeMarkdown } from './ruleText';

function section(finding: Finding, lexicon: CompiledLexicon, markdown: boolean, extraLexicon: readonly string[]): string {
  const entry = lexicon.byId.get(finding.ruleId)?.entry;
  const docs = entry && ruleDocumentationUri(entry, extraLexicon);
  const [preferred, ...others] = finding.suggestions;
  if (!markdown) {
    const lines = [`Why it matters: ${finding.why}`];
    if (preferred) lines.push('', `Preferred wording: ${preferred}`, ...others.map((o) => `  or: ${o}`));
    if (finding.sources.length) lines.push('', 'Sources:', ...finding.sources.map((s) => `- ${citationPlain(s)}`));
    lines.push('', `Rule: ${finding.ruleId}${docs ? ` (${docs})` : ''}`);
    return lines.join('\n');
  }
  const lines = [`*Why it matters:* ${escapeMarkdown(finding.why)}`];
  if (preferred) {
    lines.push('', `*Preferred wording:* ${escapeMarkdown(preferred)}`);
    if (others.length) lines.push('', '*Or:*', '', ...others.map((o) => `- ${escapeMarkdown(o)}`));
    if (finding.suggestions.some((s) => /\[[^\]\n]+\]/.test(s))) lines.push('', 'Words in square brackets stand for facts only you know.');
  }
  if (finding.sources.length) lines.push('', '*Sources:*', '', ...finding.sources.map((s) => `- ${citationMarkdown(s)}`));
  lines.push('', docs ? `Rule [\`${finding.ruleId}\`](${docs})` : `Rule \`${finding.ruleId}\``);
  return lines.join('\n');
}

/** The hover for the findings under `offset`, or null when there is none. */
export function hoverAt(
  document: TextDocument,
  offset: number,
  findings: Finding[],
  lexicon: CompiledLexicon,
  markdown: boolean,
  extraLexicon: readonly string[] = [],
): Hover | null {
  const here = findings.filter((f) => offset >= f.offset && offset <= f.offset + f.length);
  if (here.length === 0) return null;
  const separator = markdown ? '\n\n---\n\n' : '\n\n';
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: here.map((f) => section(f, lexicon, markdown, extraLexicon)).join(separator) },
    range: { start: document.positionAt(here[0].offset), end: document.positionAt(here[0].offset + here[0].length) },
  };
}

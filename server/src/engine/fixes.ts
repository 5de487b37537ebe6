// Applying rewrites. Only "safe" rewrites are applied automatically: those with no
// [placeholder] for a fact the writer must supply.
import type { Finding } from './types';

const PLACEHOLDER = /\[[^\]\n]+\]/;

export function isSafeRewrite(rewrite: string): boolean {
  return !PLACEHOLDER.test(rewrite);
}

/**
 * The first-ranked suggestion if it is safe, else nothing: fix-all never picks a lower-ranked one.
 * Not safe: a [placeholder] to fill in, or wording whose meaning the rewrite could change here
 * (`fixNotSafe`, from the entry).
 */
export function safeRewrite(finding: Finding): string | undefined {
  if (finding.fixNotSafe) return undefined;
  const first = finding.suggestions[0];
  return first !== undefined && isSafeRewrite(first) ? first : undefined;
}

export interface AppliedFix {
  finding: Finding;
  replacement: string;
}

/**
 * Applies the safe rewrite of each finding, skipping findings that overlap one already applied.
 * Returns the new text and what was changed; the input text is not modified.
 */
export function applyFixes(text: string, findings: Finding[]): { text: string; applied: AppliedFix[] } {
  const chosen: AppliedFix[] = [];
  let lastEnd = -1;
  for (const finding of [...findings].sort((a, b) => a.offset - b.offset)) {
    const replacement = safeRewrite(finding);
    if (replacement === undefined || finding.offset < lastEnd) continue;
    if (text.slice(finding.offset, finding.offset + finding.length) !== finding.text) continue;
    chosen.push({ finding, replacement });
    lastEnd = finding.offset + finding.length;
  }
  let out = '';
  let cursor = 0;
  for (const { finding, replacement } of chosen) {
    out += text.slice(cursor, finding.offset) + replacement;
    cursor = finding.offset + finding.length;
  }
  out += text.slice(cursor);
  return { text: out, applied: chosen };
}

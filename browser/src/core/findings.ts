// What the page shows for the engine's findings, and how a choice edits the text: pure functions
// shared by the service worker, the content script and the unit tests.
import type { CategoryId, Finding, Severity, SourceCitation } from '../../../server/src/engine/types';

/**
 * A finding as sent to the page: where it is, the flagged words and the rewrites (inflected for
 * this occurrence), and the key of its card. Cards (message, why, sources) are the same for every
 * occurrence of a rule, so each is sent once per page: a 100 KB note with 400 findings would
 * otherwise carry ~0.5 MB of repeated explanations on every keystroke.
 */
export interface PageFinding {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  offset: number;
  length: number;
  text: string;
  suggestions: string[];
  card: string;
}

/** What the card shows besides the rewrites. */
export interface Card {
  message: string;
  why: string;
  sources: Array<{ label: string; url?: string }>;
}

export function toPageFinding(f: Finding): { finding: PageFinding; card: Card } {
  return {
    finding: {
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      offset: f.offset,
      length: f.length,
      text: f.text,
      suggestions: f.suggestions,
      // The message can depend on the match (a record check names what it found), so it is part of the key.
      card: `${f.ruleId}\u0000${f.message}`,
    },
    card: { message: f.message, why: f.why, sources: f.sources.map((s) => ({ label: sourceLabel(s), url: s.url })) },
  };
}

/** A citation in a line: "NSPCC Learning, Why language matters (2023-10-27)" or the seed and its paragraph. */
export function sourceLabel(s: SourceCitation): string {
  if (s.publisher || s.title) {
    const head = [s.publisher, s.title].filter(Boolean).join(', ');
    return s.date ? `${head} (${s.date})` : head;
  }
  if (s.seed) return s.paragraph ? `Practice review ${s.seed}: ${s.paragraph}` : `Practice review ${s.seed}`;
  return s.url ?? 'Heard lexicon';
}

/**
 * Key for "ignore here": the rule, the flagged words and the few characters before them. It stays
 * put while the user edits elsewhere in the field, and lapses when the wording there changes. Kept
 * in the content script's memory only (it holds text from the field).
 */
export function ignoreKey(text: string, f: Pick<PageFinding, 'ruleId' | 'offset' | 'length'>): string {
  return `${f.ruleId}\u0000${text.slice(Math.max(0, f.offset - 24), f.offset + f.length)}`;
}

/** Findings not ignored here, in text order. */
export function shownFindings(text: string, findings: readonly PageFinding[], ignored: ReadonlySet<string>): PageFinding[] {
  return findings.filter((f) => !ignored.has(ignoreKey(text, f))).sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Whether the text still holds the finding's words where it found them (the user may have typed since). */
export function stillApplies(text: string, f: Pick<PageFinding, 'offset' | 'length' | 'text'>): boolean {
  return text.slice(f.offset, f.offset + f.length) === f.text;
}

/** The text after replacing a finding's words with a rewrite. */
export function applyRewrite(text: string, f: Pick<PageFinding, 'offset' | 'length' | 'text'>, rewrite: string): string {
  if (!stillApplies(text, f)) throw new Error(`the text at ${f.offset} is no longer '${f.text}'`);
  return text.slice(0, f.offset) + rewrite + text.slice(f.offset + f.length);
}

/**
 * The finding the "next finding" shortcut goes to: the first that starts after `after` (the open
 * card's finding, or just before the caret), else the first in the field (it wraps round).
 */
export function nextFinding<T extends { offset: number }>(findings: readonly T[], after: number): T | undefined {
  return findings.find((f) => f.offset > after) ?? findings[0];
}

/** The toolbar badge: the count, blank for none, "999+" past three digits. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Most severe first: the order the card and the popup list severities in. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * The findings of `before` carried over to `after` (one edit apart): those before the edit stay,
 * those after it move by the length difference, those it touched are dropped until the engine has
 * seen the new text. Lets underlines follow typing at once. Linear in the text.
 */
export function shiftFindings<T extends { offset: number; length: number }>(findings: readonly T[], before: string, after: string): T[] {
  if (before === after) return [...findings];
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const editEnd = before.length - suffix;
  const delta = after.length - before.length;
  const out: T[] = [];
  for (const f of findings) {
    if (f.offset + f.length <= prefix) out.push(f);
    else if (f.offset >= editEnd) out.push({ ...f, offset: f.offset + delta });
  }
  return out;
}

// Where rule documentation is: one Markdown page per lexicon entry under docs/rules/ (rendered by
// ruleText.ts, written by scripts/generate-rule-docs.mjs), and the link every diagnostic carries to
// its page. A test compares the committed pages with a fresh rendering, so the pages never drift.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { LexiconEntry } from '../engine';
import { packageRoot } from '../node/lexiconFiles';
import { renderRulePage as renderRulePageAt, renderRulePages as renderRulePagesAt } from './ruleText';

export function rulePagesDir(root = packageRoot()): string {
  return path.join(root, 'docs', 'rules');
}

// Rule page path → its file: URL, or null when the page does not exist.
const pageHrefs = new Map<string, string | null>();

/**
 * Where a rule is documented, as a `file:` URI: its generated page, unless the entry comes from
 * one of `extraFiles` (an organisation's own lexicon, which may reuse a core id); then the line of
 * the lexicon file it comes from. `origin` alone cannot tell: a precompiled core lexicon keeps the
 * paths of the machine that built it.
 */
export function ruleDocumentationUri(entry: LexiconEntry, extraFiles: readonly string[] = []): string | undefined {
  const origin = entry.origin;
  const fromExtra = !!origin && extraFiles.some((f) => path.resolve(f) === path.resolve(origin.file));
  if (!fromExtra) {
    // Asked for every diagnostic on every keystroke: the answer per page is kept.
    const page = path.join(rulePagesDir(), `${entry.id}.md`);
    let href = pageHrefs.get(page);
    if (href === undefined) pageHrefs.set(page, (href = fs.existsSync(page) ? pathToFileURL(page).href : null));
    if (href) return href;
  }
  if (origin && fs.existsSync(origin.file)) return `${pathToFileURL(path.resolve(origin.file)).href}#L${origin.line}`;
  return undefined;
}

// Rendering lives in ruleText.ts (shared with heard explain and the hovers); these take the
// package root by default.
export { CATEGORY_LABELS, conditionsInWords } from './ruleText';

/** The Markdown page for one lexicon entry. */
export function renderRulePage(entry: LexiconEntry, root = packageRoot()): string {
  return renderRulePageAt(entry, root);
}

/** Every page (file name → content) for a set of entries, README.md included. */
export function renderRulePages(entries: LexiconEntry[], root = packageRoot()): Map<string, string> {
  return renderRulePagesAt(entries, root);
}


// Rule documentation: one Markdown page per lexicon entry under docs/rules/, generated from the
// lexicon (scripts/generate-rule-docs.mjs), and the link every diagnostic carries to its page.
// A test compares the committed pages with a fresh rendering, so the pages never drift.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CATEGORY_IDS, type CategoryId, type LexiconEntry, type LexiconExample } from '../engine';
import { citationMarkdown, CONDITION_WORDS_KEY, conditionsInWords, escapeMarkdown } from './ruleText';
import { packageRoot } from '../node/lexiconFiles';

/** Category names as a reader sees them (messages start with these). */
export const CATEGORY_LABELS: Record<CategoryId, string> = {
  'victim-blaming': 'Victim-blaming',
  adultification: 'Adultification',
  minimising: 'Minimising',
  'hidden-perpetrator': 'Hidden perpetrator',
  disbelief: 'Disbelief',
  attendance: 'Attendance',
  jargon: 'Jargon',
  'child-voice': "Child's voice",
  vague: 'Vague recording',
};

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

// The words describing conditions and sources live in ruleText.ts (shared with heard explain and hovers).
export { conditionsInWords } from './ruleText';

function exampleLine(example: LexiconExample): string {
  if (typeof example === 'string') return `- ${escapeMarkdown(example)}`;
  const context = [
    example.childAge !== undefined ? `child aged ${example.childAge}` : undefined,
    example.profile ? `${example.profile} profile` : undefined,
    example.format ? example.format : undefined,
  ].filter(Boolean);
  return `- ${escapeMarkdown(example.text)}${context.length ? ` *(${context.join(', ')})*` : ''}`;
}

function relativeOrigin(entry: LexiconEntry, root: string): string | undefined {
  if (!entry.origin) return undefined;
  return path.relative(root, path.resolve(entry.origin.file)).split(path.sep).join('/');
}

/** The Markdown page for one lexicon entry. */
export function renderRulePage(entry: LexiconEntry, root = packageRoot()): string {
  const origin = relativeOrigin(entry, root);
  const lines: string[] = [];
  lines.push(`<!-- Generated from ${origin ?? 'the lexicon'} by scripts/generate-rule-docs.mjs (npm run docs:rules). Do not edit. -->`);
  lines.push('', `# \`${entry.id}\``, '');
  lines.push(`| | |`, `|---|---|`);
  lines.push(`| Category | ${CATEGORY_LABELS[entry.category]} (\`${entry.category}\`) |`);
  lines.push(`| Default severity | ${entry.severity} |`);
  lines.push(`| On by default | ${entry.enabled === false ? `no: turn it on with \`rules: { ${entry.id}: on }\`` : 'yes'} |`);
  if (entry.contested) lines.push('| Contested | yes: the guidance disagrees about this wording |');
  if (origin) lines.push(`| Defined in | \`${origin}\` |`);
  lines.push('', '## Message', '', escapeMarkdown(entry.message), '');
  lines.push('## Why it matters', '', escapeMarkdown(entry.why), '');

  lines.push('## What it looks for', '');
  if (entry.check) lines.push(`A record-level check (\`server/src/engine/checks/${entry.check}\`) that reads whole records rather than single phrases.`, '');
  if (entry.patterns?.length) {
    lines.push('Patterns (syntax in the lexicon guide):', '');
    for (const p of entry.patterns) lines.push(`- \`${p.replace(/`/g, "'")}\``);
    lines.push('');
  }
  const conditions = conditionsInWords(entry.conditions, entry.category);
  lines.push('When it fires:', '');
  for (const sentence of conditions) lines.push(`- ${sentence}`);
  if (conditions.some((c) => c.includes('“'))) lines.push(`- ${escapeMarkdown(CONDITION_WORDS_KEY)}`);
  lines.push(
    '- Like every rule, it follows the context tables (`lexicon/context.yaml`): it stays silent on words in quotation marks attributed to the child or family, on talk about the wording itself (lists and tables of wording included), on accusations and questions the sentence reports, in code and comments, on allowed phrases, and (in the review profile) on wording the sentence attributes to someone else.',
    '',
  );

  lines.push('## Suggested rewrites', '');
  if (entry.rewrites.length === 0) lines.push('None: the finding asks the writer to add what is missing.');
  entry.rewrites.forEach((r, i) => lines.push(`${i + 1}. ${escapeMarkdown(r)}`));
  lines.push('');
  if (entry.rewrites.some((r) => /\[[^\]\n]+\]/.test(r))) {
    lines.push('Words in square brackets stand for facts Heard cannot know; fill them in. "Fix all" applies a rewrite only when the first one has no brackets.', '');
  }

  lines.push('## Sources', '');
  for (const s of entry.sources) lines.push(`- ${citationMarkdown(s)}`);
  lines.push('');

  const context = entry.examples.context;
  const contextWords = context
    ? [context.childAge !== undefined ? `child aged ${context.childAge}` : undefined, context.profile ? `${context.profile} profile` : undefined, context.format]
        .filter(Boolean)
        .join(', ')
    : '';
  lines.push('## Examples', '');
  if (contextWords) lines.push(`All examples run with: ${contextWords}.`, '');
  lines.push('Flagged:', '', ...entry.examples.fire.map(exampleLine), '');
  lines.push('Not flagged:', '', ...entry.examples.pass.map(exampleLine), '');
  lines.push('## Turning it off', '');
  lines.push(`- For one line: \`<!-- heard-disable-next-line ${entry.id} -- reason -->\` on the line above.`);
  lines.push(`- For a project, in \`.heard.yaml\`: \`rules: { ${entry.id}: off }\` (or a severity: error, warning, information, hint).`);
  lines.push(`- In VS Code: the setting \`heard.rules\`, e.g. \`{ "${entry.id}": "off" }\`.`);
  lines.push('');
  return lines.join('\n');
}

/** The index page: every rule by category. */
export function renderRuleIndex(entries: LexiconEntry[]): string {
  const lines: string[] = [];
  lines.push('<!-- Generated from lexicon/*.yaml by scripts/generate-rule-docs.mjs (npm run docs:rules). Do not edit. -->');
  lines.push('', '# Heard rules', '');
  lines.push(`${entries.length} rules in ${new Set(entries.map((e) => e.category)).size} categories. Each page gives the rule's message, why it matters, when it fires, the suggested rewrites, its sources and examples.`, '');
  for (const category of CATEGORY_IDS) {
    const inCategory = entries.filter((e) => e.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`## ${CATEGORY_LABELS[category]}`, '');
    lines.push('| Rule | Severity | Message |', '|---|---|---|');
    for (const e of inCategory) {
      const severity = e.enabled === false ? `${e.severity} (off by default)` : e.severity;
      lines.push(`| [\`${e.id}\`](${e.id}.md) | ${severity} | ${escapeMarkdown(e.message)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Every page (file name → content) for a set of entries, README.md included. */
export function renderRulePages(entries: LexiconEntry[], root = packageRoot()): Map<string, string> {
  const pages = new Map<string, string>();
  for (const entry of entries) pages.set(`${entry.id}.md`, renderRulePage(entry, root));
  pages.set('README.md', renderRuleIndex(entries));
  return pages;
}

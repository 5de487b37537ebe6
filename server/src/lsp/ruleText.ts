// How Heard describes a rule, written once and shared by `heard explain` (plain text), the
// generated rule pages (Markdown, scripts/generate-rule-docs.mjs) and the editor's hovers: category
// names, what each condition means, how a source is cited, and the pages themselves. No file
// access: callers say where the package is.
import * as path from 'path';
import { CATEGORY_IDS, isSafeRewrite, skipsNegated, type CategoryId, type EntryConditions, type LexiconEntry, type LexiconExample, type SeveritySetting, type SourceCitation } from '../engine';
import { regexInWords } from './regexWords';

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


/** Escapes text for inline Markdown (rewrites hold `[placeholders]` that must stay literal). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * The reviews the core lexicon cites by seed file (shared/seeds), by their titles as their title
 * pages give them. A lexicon cites a seed by its file name; readers see the review.
 */
export const SEED_REVIEWS: Readonly<Record<string, { title: string; short: string; publisher?: string; date?: string }>> = {
  '000_42dba6364c370fa7.txt': {
    title: 'Local Child Safeguarding Practice Review: Child L',
    short: 'Child L review',
    publisher: "Cheshire East Safeguarding Children's Partnership",
    date: 'October 2023',
  },
  '001_5db1e8f627105674.txt': { title: 'Serious Case Review Overview Report: Child Q & Child S', short: 'Child Q & S review', date: 'December 2016' },
  '002_72d0ccfa2db81e27.txt': { title: 'Learning briefing: Child L review', short: 'Child L briefing' },
  '003_b9934bfc1a5b02c5.txt': { title: 'Serious Case Reviews 2016–2020: Briefing Paper', short: 'SCR briefing 2016–2020' },
  '004_504d2492568628d6.txt': {
    title: 'Local Child Safeguarding Practice Review: Jez and siblings',
    short: 'Jez and siblings review',
    publisher: "Cheshire East Safeguarding Children's Partnership",
  },
};

/** A seed citation as title, publisher and date; an unknown seed (an organisation's own) by its file name. */
function seedParts(seed: string): { title: string; details: string[] } {
  const review = SEED_REVIEWS[seed];
  if (!review) return { title: `case review ${seed}`, details: [] };
  return { title: review.title, details: [review.publisher, review.date].filter((s): s is string => !!s) };
}

/** One source in plain text: title (publisher, date), section, and the link. */
export function citationPlain(source: SourceCitation): string {
  const where = source.paragraph ? `, ${source.paragraph}` : '';
  if (source.seed) {
    const { title, details } = seedParts(source.seed);
    return `${title}${details.length ? ` (${details.join(', ')})` : ''}${where}`;
  }
  const parts = [source.publisher, source.title ? `"${source.title}"` : undefined, source.date, source.paragraph].filter(Boolean).join(', ');
  return source.url ? `${parts} <${source.url}>` : parts;
}

/** One source in Markdown: a link when the source has a URL. */
export function citationMarkdown(source: SourceCitation): string {
  const where = source.paragraph ? `, ${escapeMarkdown(source.paragraph)}` : '';
  if (source.url) {
    const title = escapeMarkdown(source.title ?? source.url);
    const details = [source.publisher, source.date].filter(Boolean).map((s) => escapeMarkdown(s!)).join(', ');
    return `[${title}](${source.url})${details ? ` (${details})` : ''}`;
  }
  if (source.seed) {
    const { title, details } = seedParts(source.seed);
    return `*${escapeMarkdown(title)}*${details.length ? ` (${details.map(escapeMarkdown).join(', ')})` : ''}${where}`;
  }
  return [source.publisher, source.title, source.date].filter(Boolean).map((s) => escapeMarkdown(s!)).join(', ') + where;
}

/** The first source, short (for a table column): the review's short name, or publisher and year. */
export function shortSource(sources: SourceCitation[]): string {
  const first = sources[0];
  if (!first) return '';
  const label = first.seed ? (SEED_REVIEWS[first.seed]?.short ?? `case review ${first.seed.replace(/\.txt$/, '')}`) : [first.publisher, first.date?.slice(0, 4)].filter(Boolean).join(' ');
  return sources.length > 1 ? `${label} (+${sources.length - 1})` : label;
}

const SUBJECT_WORDS: Record<string, string | undefined> = {
  any: undefined,
  'not-professional': 'Stays silent when the subject of the clause is a professional, the author ("I", "we"), a panel, a service or an agency.',
  child: "Fires only when the subject is the child (the child's name, age or role, or a pronoun that refers back to the child).",
  'not-child': 'Stays silent when the subject is known to be a child (the words describe what an adult did to a child).',
};

const AGE_WORDS: Record<string, string | undefined> = {
  any: undefined,
  child: "Fires only when the person is under 18: an age written next to the words, else the child's age from front matter, configuration or the text. Silent when no age is known.",
  'under-13': 'Fires only when the person is under 13 (age from the words nearby, front matter, configuration or the text). Silent when no age is known.',
  attendance: 'Fires only when the child is younger than the attendance age (configuration `attendanceAge`, default 16).',
  'not-adult': 'Stays silent when the person is known to be 18 or over; fires when the age is unknown.',
};

type Quote = (words: string) => string;

/** Each expression as quoted words, with how it sits in the text it is tested on. */
function wordsList(list: string[], quote: Quote, edge: 'start' | 'end' | 'none'): string {
  const described = list.map((source) => {
    const { words, anchoredAtStart, anchoredAtEnd } = regexInWords(source);
    const anchored = edge === 'start' ? anchoredAtStart : edge === 'end' ? anchoredAtEnd : false;
    const verb = anchored ? (edge === 'start' ? 'starts with ' : 'ends with ') : 'contains ';
    return `${verb}${quote(words)}`;
  });
  return described.join('; or ');
}

/**
 * The entry's conditions as sentences. `markdown` quotes the words of a condition as inline code
 * (pages and hovers); plain text uses quotation marks (`heard explain`). A slash separates
 * alternatives, (brackets) mark optional words, … a stem or a stretch of the sentence.
 */
export function conditionsInWords(conditions: EntryConditions | undefined, category?: CategoryId, options: { markdown?: boolean } = {}): string[] {
  const markdown = options.markdown ?? true;
  const quote: Quote = markdown ? (w) => `“${escapeMarkdown(w)}”` : (w) => `“${w}”`;
  const code = (w: string) => (markdown ? `\`${w}\`` : w);
  const c = conditions ?? {};
  const words: string[] = [];
  const subject = c.subject && SUBJECT_WORDS[c.subject];
  if (subject) words.push(subject);
  const age = c.age && AGE_WORDS[c.age];
  if (age) words.push(markdown ? age : age.replace(/`/g, ''));
  if (c.adultNearby) words.push('Fires only when the same or the next sentence describes an adult (an age of 18 or more, "older", "adult", "in his twenties").');
  if (category ? skipsNegated(category, c.skipNegated) : c.skipNegated) words.push("Stays silent when a negation (not, never, no, n't, nor) comes just before the words.");
  if (c.childInvolved) words.push("Fires only when a child is among the people the sentence is about (or, when it names no adult, the document's child is under 18).");
  if (c.profiles?.length) words.push(`Active only in the ${c.profiles.map(code).join(' and ')} profile${c.profiles.length > 1 ? 's' : ''}.`);
  if (c.notBefore?.length) words.push(`Stays silent when the text before the words, in the same sentence, ${wordsList(c.notBefore, quote, 'end')}.`);
  if (c.notAfter?.length) words.push(`Stays silent when the text after the words, in the same sentence, ${wordsList(c.notAfter, quote, 'start')}.`);
  if (c.requireInSentence?.length) words.push(`Fires only when the sentence also ${wordsList(c.requireInSentence, quote, 'none')}.`);
  if (c.notInSentence?.length) words.push(`Stays silent when the sentence ${wordsList(c.notInSentence, quote, 'none')}.`);
  if (c.requireInParagraph?.length) words.push(`Fires only when the paragraph also ${wordsList(c.requireInParagraph, quote, 'none')}.`);
  return words;
}

/** How to read the words of a condition (under the conditions on pages and in `heard explain`). */
export const CONDITION_WORDS_KEY =
  'In the quoted words, a slash separates alternatives, {braces} group them, (brackets) mark optional words, "…" stands for the rest of a word or a stretch of the sentence, and <Name> for a capitalised word.';

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
export function renderRulePage(entry: LexiconEntry, root: string): string {
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
export function renderRulePages(entries: LexiconEntry[], root: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const entry of entries) pages.set(`${entry.id}.md`, renderRulePage(entry, root));
  pages.set('README.md', renderRuleIndex(entries));
  return pages;
}

/** Styling for the plain-text explanation (the CLI's colours, or none). */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

function exampleText(example: LexiconExample): string {
  if (typeof example === 'string') return example;
  const context = [example.childAge !== undefined ? `child age ${example.childAge}` : '', example.profile ? `profile ${example.profile}` : ''].filter(Boolean);
  return context.length > 0 ? `${example.text}  (${context.join(', ')})` : example.text;
}

export interface ExplanationOptions {
  /** The severity under the configuration in use, or `off`. */
  severity: SeveritySetting;
  style: TextStyle;
  /** The closing line: where the entry is defined and its page. */
  footer: string;
}

/** One rule in full, as plain text (`heard explain`): the same sections and words as its page. */
export function renderRuleText(e: LexiconEntry, { severity, style, footer }: ExplanationOptions): string {
  const heading = (s: string) => style.bold(s);
  const out: string[] = [`${style.bold(e.id)}  ${e.category}, ${severity}${severity !== e.severity ? ` (default ${e.enabled === false ? 'off' : e.severity})` : ''}`];
  if (e.enabled === false) out.push(`Shipped switched off: turn it on with "rules: { ${e.id}: on }" in .heard.yaml or --rule ${e.id}=on.`);
  if (e.contested) out.push('Contested: the guidance disagrees about this wording.');
  out.push('', heading('Message'), `  ${e.message}`, '', heading('Why'), `  ${e.why}`);
  if (e.rewrites.length > 0) {
    out.push('', heading('Rewrites (best first)'));
    e.rewrites.forEach((r, i) => out.push(`  ${i + 1}. ${r}${i === 0 && isSafeRewrite(r) ? '   (applied by --fix)' : ''}`));
    if (e.rewrites.some((r) => !isSafeRewrite(r))) out.push('  [brackets] mark facts only the writer knows; --fix never applies those.');
  }
  if (e.patterns && e.patterns.length > 0) out.push('', heading('Patterns'), ...e.patterns.map((p) => `  ${p}`));
  if (e.check) out.push('', heading('Record-level check'), `  ${e.check}`);
  const conditions = conditionsInWords(e.conditions, e.category, { markdown: false });
  if (conditions.length > 0) {
    out.push('', heading('Conditions'), ...conditions.map((c) => `  - ${c}`));
    if (conditions.some((c) => c.includes('“'))) out.push(style.dim(`  ${CONDITION_WORDS_KEY}`));
  }
  out.push('', heading('Fires on'), ...e.examples.fire.map((x) => `  - ${exampleText(x)}`));
  out.push('', heading('Stays silent on'), ...e.examples.pass.map((x) => `  - ${exampleText(x)}`));
  if (e.sources.length > 0) out.push('', heading('Sources'), ...e.sources.map((s) => `  - ${citationPlain(s)}`));
  out.push('', style.dim(footer));
  return out.join('\n') + '\n';
}

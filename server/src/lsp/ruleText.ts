// The words Heard uses to describe a rule, written once and shared by `heard explain` (plain text),
// the generated rule pages (Markdown, scripts/generate-rule-docs.mjs) and the editor's hovers:
// what each condition means, and how a source is cited.
import { skipsNegated, type CategoryId, type EntryConditions, type SourceCitation } from '../engine';
import { regexInWords } from './regexWords';

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

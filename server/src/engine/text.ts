// Small text utilities: offset ↔ line/character (UTF-16, as LSP expects) and sentence spans.
import { nlpTokenizer } from './nlp';
import type { Position } from './types';

/**
 * How many leading items satisfy `before`, for items ordered so that `before` holds for a prefix
 * and then never again (a binary search). Every look-up by offset in the engine is one of these.
 */
export function countBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Maps offsets to 0-based line/character positions with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  positionAt(offset: number): Position {
    const line = Math.max(0, countBefore(this.starts, (start) => start <= offset) - 1);
    return { line, character: offset - this.starts[line] };
  }
}

export interface Span {
  start: number;
  end: number;
}

type SplitSentences = (text: string, world: unknown) => string[];
let splitter: ((text: string) => string[]) | undefined;

/** compromise's sentence splitter (its tokenizer's first step, without tagging). */
function splitSentences(text: string): string[] {
  if (!splitter) {
    const methods = nlpTokenizer().methods() as unknown as { one: { tokenize: { splitSentences: SplitSentences } } };
    const world = nlpTokenizer().world();
    splitter = (t) => methods.one.tokenize.splitSentences(t, world);
  }
  return splitter(text);
}

/**
 * Sentence spans within a paragraph, using compromise's sentence splitter (no tagging, so it is
 * cheap). Line breaks followed by a list marker or a date also end a sentence.
 */
export function sentenceSpans(paragraph: string): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  // A single line break inside a paragraph is a soft wrap: read it as a space, so a sentence
  // wrapped over two lines stays one sentence (same length, so offsets do not move).
  const unwrapped = paragraph.replace(/\r?\n(?!\s*(?:[-*+•]\s|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\||\n))/g, (m) => ' '.repeat(m.length));
  for (const sentence of splitSentences(unwrapped)) {
    const at = unwrapped.indexOf(sentence, cursor);
    const start = at >= 0 ? at : cursor;
    const end = start + sentence.length;
    cursor = end;
    // compromise keeps a paragraph's internal line breaks inside one sentence; a line that starts
    // like a new row (a bullet, a date, a table cell) is a new sentence for our purposes.
    let s = start;
    const re = /\n(?=\s*(?:[-*+•]\s|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\|))/g;
    re.lastIndex = 0;
    const part = paragraph.slice(start, end);
    for (let m = re.exec(part); m; m = re.exec(part)) {
      spans.push({ start: s, end: start + m.index });
      s = start + m.index + 1;
    }
    spans.push({ start: s, end });
  }
  if (spans.length === 0) spans.push({ start: 0, end: paragraph.length });
  return capSentenceLength(paragraph, spans);
}

/**
 * The longest stretch read as one sentence. Context checks look at the sentence around every
 * candidate (the words before it, the words after it), so a "sentence" of a whole megabyte (text
 * pasted from a PDF with no full stops, a list of acronyms) would cost time growing with the
 * square of its length. Real sentences are shorter: the longest in the seeds is under 1,000
 * characters. A longer one is read in parts of at most this length (see `capSentenceLength`).
 */
export const MAX_SENTENCE_CHARS = 1500;

const CLAUSE_PUNCTUATION = new Set([';', ':', ',', '\u2013', '\u2014', ')']);
const isSpace = (c: string) => /\s/.test(c);

/**
 * Splits every span longer than MAX_SENTENCE_CHARS into parts of at most that length: each part
 * ends after the last clause punctuation (`;` `:` `,` a dash or a closing bracket, then a space)
 * in its second half, else after its last white space, else (one enormous word) at the limit.
 * Spans within the limit are returned as they are, so normal text is read exactly as before.
 * Each cut looks back at most `max` characters, so the work is linear in the text.
 */
export function capSentenceLength(text: string, spans: Span[], max = MAX_SENTENCE_CHARS): Span[] {
  if (!spans.some((s) => s.end - s.start > max)) return spans;
  const out: Span[] = [];
  for (const span of spans) {
    let start = span.start;
    while (span.end - start > max) {
      const limit = start + max;
      let cut = -1;
      for (let i = limit - 1; i > start + (max >> 1) && cut < 0; i--) {
        if (CLAUSE_PUNCTUATION.has(text[i - 1]) && isSpace(text[i])) cut = i + 1;
      }
      for (let i = limit - 1; i > start && cut < 0; i--) if (isSpace(text[i])) cut = i + 1;
      if (cut <= start) cut = limit;
      out.push({ start, end: cut });
      start = cut;
    }
    out.push({ start, end: span.end });
  }
  return out;
}

/** The span holding `offset` (spans in text order), else the last; a binary search. */
export function spanContaining(spans: Span[], offset: number): Span {
  const s = spans[Math.min(spans.length - 1, countBefore(spans, (span) => span.end <= offset))];
  return offset >= s.start && offset < s.end ? s : spans[spans.length - 1];
}

/** The first span starting at or after `offset` (spans in text order), or undefined; a binary search. */
export function firstSpanFrom(spans: Span[], offset: number): Span | undefined {
  return spans[firstStartingFrom(spans, offset)];
}

/** Index of the first item starting at or after `offset` (items in order of start); a binary search. */
export function firstStartingFrom<T extends Span>(items: readonly T[], offset: number): number {
  return countBefore(items, (item) => item.start < offset);
}

/**
 * The items lying wholly inside [start, end) (items in order of start): a binary search and a
 * walk over those starting there, not a scan of every item, which made per-candidate look-ups
 * quadratic in a long paragraph.
 */
export function within<T extends Span>(items: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstStartingFrom(items, start); i < items.length && items[i].start < end; i++) if (items[i].end <= end) out.push(items[i]);
  return out;
}

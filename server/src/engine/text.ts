// Small text utilities: offset ↔ line/character (UTF-16, as LSP expects) and sentence spans.
import { nlpTokenizer } from './nlp';
import type { Position } from './types';

/** Maps offsets to 0-based line/character positions with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
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
  return spans;
}

export function spanContaining(spans: Span[], offset: number): Span {
  for (const s of spans) if (offset >= s.start && offset < s.end) return s;
  return spans[spans.length - 1];
}

// Quotation, speech verbs and negation: the facts the frames table (lexicon/context.yaml, read by
// frames.ts) and the record checks ask about. Framing decisions themselves are rows of that table.
import type { Span } from '../text';

export interface QuoteSpan extends Span {
  /** Offsets of the quoted content (inside the marks). */
  innerStart: number;
  innerEnd: number;
}

const OPEN_CLOSE: Record<string, string> = { '“': '”', '‘': '’', '"': '"', "'": "'", '«': '»' };

/**
 * Quoted stretches of a paragraph. Straight single quotes only count when they open after a
 * space or bracket and close before a space or punctuation, so apostrophes (don't, Jez's) are not
 * taken for quotation marks.
 */
export function quoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const close = OPEN_CLOSE[ch];
    const prev = i > 0 ? text[i - 1] : ' ';
    const opensHere =
      close !== undefined &&
      (ch === '“' || ch === '«' || ch === '"' || /[\s([{—–-]/.test(prev) || i === 0) &&
      (ch !== '‘' || /[\s([{—–-]/.test(prev) || i === 0) &&
      i + 1 < text.length &&
      !/\s/.test(text[i + 1]);
    if (!opensHere) {
      i++;
      continue;
    }
    let j = i + 1;
    let end = -1;
    while (j < text.length) {
      if (text[j] === close) {
        const next = j + 1 < text.length ? text[j + 1] : ' ';
        const closes = close === '"' || close === '”' || close === '»' || /[\s.,;:!?)\]—–…"”’'-]/.test(next);
        if (closes && !/\s/.test(text[j - 1])) {
          end = j;
          break;
        }
      }
      if (text[j] === '\n' && text[j + 1] === '\n') break;
      j++;
    }
    if (end < 0) {
      i++;
      continue;
    }
    spans.push({ start: i, end: end + 1, innerStart: i + 1, innerEnd: end });
    i = end + 1;
  }
  return spans;
}

export function quoteAt(quotes: QuoteSpan[], start: number, end: number): QuoteSpan | undefined {
  return quotes.find((q) => start >= q.innerStart && end <= q.innerEnd);
}

const SPEECH_VERBS =
  'said|says|saying|say|told|tells|telling|tell|stated|states|explained|explains|described|describes|asked|asks|replied|' +
  'replies|shouted|screamed|cried|whispered|wrote|writes|texted|messaged|disclosed|discloses|shared|shares|reported|' +
  'reports|added|adds|commented|agreed|insisted|repeated|answered|responded|confirmed|mentioned|voiced|' +
  'expressed|expresses|signed|typed|drew|spoke|speaks|recalled|recalls|admitted|denied|claimed|alleged|call|calls|called|calling|' +
  'reporting|saying|telling|disclosing|describing|explaining';
// A speech verb in the active voice: "was told", "had been described as" report what someone else
// said to or about the person, not what they said. Words after the verb may be separated by commas
// ("told a teaching assistant, daddy …"), and "were both described as" is passive too. After a
// determiner, a number or a possessive the word describes a noun ("two reported incidents", "a
// shared bedroom", "the cousin's disclosed difficulties"): nobody is speaking.
const SPEECH_BEFORE = new RegExp(
  `(?:(?<![\\p{L}])(?<!(?<![\\p{L}])(?:was|were|is|are|be|been|being|get|got|gets)\\s+(?:(?:both|all|also|often|repeatedly|previously|later|then|never|each|widely)\\s+)?)(?<!(?<![\\p{L}])(?:the|a|an|two|three|four|five|several|many|some|any|no|these|those|other|\\p{N}+|\\p{L}+['’]s)\\s+)(?:${SPEECH_VERBS})(?![\\p{L}])(?:[\\s,]+[\\p{L}\\p{N}'’()-]+){0,6}?[\\s,:]*|` +
    `(?<![\\p{L}])in\\s+(?:her|his|their|my)\\s+(?:own\\s+)?words[\\s,:]*|:\\s*)$`,
  'iu',
);
const SPEECH_AFTER = new RegExp(`^[\\s,]*(?:\\p{L}+\\s+){0,3}?(?:${SPEECH_VERBS})(?![\\p{L}])`, 'iu');

/** Where a speech verb (or "in her words") introduces the quote or the clause: its offset, or -1. */
export function speechVerbBefore(before: string): number {
  const m = SPEECH_BEFORE.exec(before);
  return m ? m.index : -1;
}
export function speechVerbAfter(after: string): boolean {
  return SPEECH_AFTER.test(after);
}

const NEGATION = /(?<![\p{L}])(?:not|never|no|nor|neither|without|cannot|n['’]t)(?![\p{L}])|n['’]t(?![\p{L}])/iu;

// Where a clause starts: a negation before it belongs to another clause ("was not considered
// although he was living with …").
const CLAUSE_START = /^(?:[\s\S]*(?:[,;:(]|(?<![\p{L}])(?:although|though|but|because|while|whilst|whereas|since|unless|and|or|so)(?![\p{L}])))/iu;

/** A negation among the last three words before the match, in the match's own clause. */
export function negatedBefore(before: string): boolean {
  const clause = before.replace(CLAUSE_START, '');
  const words = clause.trimEnd().split(/\s+/).slice(-3).join(' ');
  return NEGATION.test(words);
}

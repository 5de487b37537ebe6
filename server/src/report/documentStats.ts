// What the audit report needs to know about a checked text besides its findings: how many words it
// has (rates are per 1,000 words), its records (contact, meeting, chronology row…) with their dates,
// and whether each contact record carries the child's voice. Records come from the engine's own
// record splitter, and "has the child's voice" is the engine's child-voice check read back: a
// contact record with no child-voice finding on its heading has the child's voice.
import type { DocumentFormat } from '../engine';
import type { RecordType } from '../engine/records';
import { splitRecords } from '../engine/records';
import { segment } from '../engine/segment';

export interface RecordStats {
  /** 1-based line of the record's heading or first line. */
  line: number;
  type: RecordType;
  /** ISO date (YYYY-MM-DD) read from the heading, when it starts with or names one. */
  date?: string;
  words: number;
  /** Contact records only: false when the engine's child-voice check flagged the record. */
  childVoice?: boolean;
}

export interface DocumentStats {
  words: number;
  records: RecordStats[];
}

/** The minimum a finding must carry for the statistics: its category and where it starts. */
export interface LocatedFinding {
  category: string;
  offset: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const WORDY_DATE = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})\b/i;

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date in a heading or metadata value: ISO (2025-03-12), UK day-first numbers (12/03/2025,
 * 12.03.25) or words (12 March 2025). Records written in England and Wales put the day first.
 */
export function parseDate(text: string): string | undefined {
  let m = ISO_DATE.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_DATE.exec(text);
  if (m) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return iso(year, Number(m[2]), Number(m[1]));
  }
  m = WORDY_DATE.exec(text);
  if (m) return iso(Number(m[3]), MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, Number(m[1]));
  return undefined;
}

/** 0-based line of a UTF-16 offset, counting from a known earlier point to stay linear. */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 0;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 0;
    }
    for (let i = text.indexOf('\n', at); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      at = i + 1;
    }
    return line;
  };
}

/**
 * Words and records of a checked text. `findings` are the engine's findings for the same text;
 * only child-voice ones are read, to tell which contact records lack the child's voice.
 */
export function documentStats(text: string, format: DocumentFormat, findings: readonly LocatedFinding[], recordSeparator?: string): DocumentStats {
  const seg = segment(text, format);
  const records = splitRecords(seg, recordSeparator ? new RegExp(recordSeparator, 'm') : undefined);
  const flagged = findings.filter((f) => f.category === 'child-voice').map((f) => f.offset);
  const lineOf = lineCounter(text);
  const stats: RecordStats[] = [];
  let words = 0;
  for (const record of records) {
    const recordWords = countWords(seg.masked.slice(record.start, record.end));
    words += recordWords;
    const entry: RecordStats = { line: lineOf(record.headingStart) + 1, type: record.type, words: recordWords };
    const date = parseDate(record.heading);
    if (date) entry.date = date;
    if (record.type === 'contact' && record.body.length > 0) {
      entry.childVoice = !flagged.some((offset) => offset >= record.headingStart && offset <= record.headingEnd);
    }
    stats.push(entry);
  }
  // Text before the first record (front matter is masked out) is counted by the records above.
  return { words, records: stats };
}

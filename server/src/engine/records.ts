// Splits a document into records — Markdown headings, dated entries ("12/03/2025 Home visit",
// "12 March – home visit"), or lines matching a configured separator — so that record-level
// checks speak about one record and report on its heading or first line.
import type { TextTest } from './linearRegex';
import type { Paragraph, SegmentedDocument } from './segment';

/**
 * What a record is, from its heading: direct contact with the child (visit, direct work, school
 * or health contact), a meeting (minutes, strategy discussion), a communication (call, email,
 * referral), a one-line chronology row, or other.
 */
export type RecordType = 'contact' | 'meeting' | 'communication' | 'chronology' | 'other';

export interface DocRecord {
  /** Offsets of the whole record in the document. */
  start: number;
  end: number;
  /** The heading or first line, without Markdown `#` marks: where record findings are reported. */
  headingStart: number;
  headingEnd: number;
  heading: string;
  type: RecordType;
  /** Paragraphs after the heading line (the body). */
  body: Paragraph[];
}

const DATE_AT_START =
  /^\s*(?:[-*]\s+)?(?:\*\*)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?)\b/;

const MEETING = /\b(?:minutes|meeting|strategy|conference|core group|panel|MARAC|MAPPA|discussion|supervision|planning|review)\b/i;
const COMMUNICATION = /\b(?:phone|telephone|call|calls|email|e-mail|letter|text message|referral|received|voicemail|consultation)\b/i;
const CONTACT =
  /\b(?:visit|visited|seen|direct work|session|school|nursery|college|health|medical|GP|clinic|appointment|assessment|observation|key ?work|one-to-one|1:1|contact with|met with|return interview|home|check)\b/i;

export function classifyRecord(heading: string, body: Paragraph[]): RecordType {
  if (body.length === 0 && DATE_AT_START.test(heading)) return 'chronology';
  // A meeting at school is still a meeting: "meeting" is decisive, then contact words.
  if (MEETING.test(heading) && !/\bhome visit\b/i.test(heading)) return 'meeting';
  // "Phone call – nursery" is about the call, not a visit to the nursery.
  if (COMMUNICATION.test(heading)) return 'communication';
  if (CONTACT.test(heading)) return 'contact';
  return 'other';
}

function headingSpan(p: Paragraph): { start: number; end: number } {
  const line = p.text.split('\n', 1)[0];
  const marker = /^\s*(?:#{1,6}\s+|[-*+]\s+)?(?:\*\*)?/.exec(line)?.[0].length ?? 0;
  let end = line.length;
  while (end > marker && /[\s*#]/.test(line[end - 1])) end--;
  return { start: p.start + marker, end: p.start + Math.max(end, marker) };
}

/** Cuts paragraphs at separator lines; the separator line itself belongs to no record. */
function cutAtSeparators(paragraphs: Paragraph[], separator: TextTest): { paragraphs: Paragraph[]; startsAfterSeparator: Set<Paragraph> } {
  const out: Paragraph[] = [];
  const startsAfterSeparator = new Set<Paragraph>();
  for (const p of paragraphs) {
    let pieceStart = 0;
    let afterSeparator = false;
    let lineStart = 0;
    const push = (end: number) => {
      const text = p.text.slice(pieceStart, end);
      const lead = text.length - text.trimStart().length;
      const trimmed = text.trim();
      if (trimmed) {
        const piece: Paragraph = { ...p, start: p.start + pieceStart + lead, end: p.start + pieceStart + lead + trimmed.length, text: trimmed };
        out.push(piece);
        if (afterSeparator) startsAfterSeparator.add(piece);
      }
    };
    while (lineStart <= p.text.length) {
      let lineEnd = p.text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = p.text.length;
      if (separator.test(p.text.slice(lineStart, lineEnd))) {
        push(lineStart);
        pieceStart = lineEnd + 1;
        afterSeparator = true;
      }
      lineStart = lineEnd + 1;
    }
    push(p.text.length);
  }
  return { paragraphs: out, startsAfterSeparator };
}

const recordsMemo = new WeakMap<SegmentedDocument, Map<string, DocRecord[]>>();

/** The document's records (computed once per segmented document and separator). */
export function splitRecords(seg: SegmentedDocument, separator?: TextTest): DocRecord[] {
  let bySeparator = recordsMemo.get(seg);
  if (!bySeparator) recordsMemo.set(seg, (bySeparator = new Map()));
  const key = separator?.source ?? '';
  let records = bySeparator.get(key);
  if (!records) bySeparator.set(key, (records = computeRecords(seg, separator)));
  return records;
}

function computeRecords(seg: SegmentedDocument, separator?: TextTest): DocRecord[] {
  const starts: number[] = [];
  let paragraphs = seg.paragraphs;
  let afterSeparator = new Set<Paragraph>();
  if (separator) ({ paragraphs, startsAfterSeparator: afterSeparator } = cutAtSeparators(paragraphs, separator));
  paragraphs.forEach((p, i) => {
    const firstLine = p.text.split('\n', 1)[0];
    if (p.kind === 'heading' || DATE_AT_START.test(firstLine) || afterSeparator.has(p)) starts.push(i);
  });
  if (starts.length === 0 || starts[0] !== 0) starts.unshift(0);
  const records: DocRecord[] = [];
  starts.forEach((first, k) => {
    const last = (k + 1 < starts.length ? starts[k + 1] : paragraphs.length) - 1;
    if (last < first) return;
    const head = paragraphs[first];
    const span = headingSpan(head);
    const heading = seg.masked.slice(span.start, span.end);
    // A separator line is not content; a heading or dated line is the record's title.
    const body = paragraphs.slice(first + 1, last + 1);
    // A dated paragraph carries its text on the same line: "12/03/2025 Home visit. Saw Amira …".
    const headIsWholeParagraph = head.kind === 'heading' || head.text.indexOf('\n') < 0;
    if (!headIsWholeParagraph) body.unshift({ ...head, start: head.start + (span.end - head.start), text: head.text.slice(span.end - head.start) });
    records.push({
      start: head.start,
      end: paragraphs[last].end,
      headingStart: span.start,
      headingEnd: span.end,
      heading,
      type: classifyRecord(heading, body),
      body,
    });
  });
  return records;
}

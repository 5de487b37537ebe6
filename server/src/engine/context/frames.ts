// Framing decisions as data: is wording the writer's own, or wording the text quotes, reports,
// criticises or defines? The rows live in lexicon/context.yaml (`frames:`), in order; the first
// row that applies decides. A row holds when every condition it gives holds. Only the speech
// test ("a speech verb introduces the words, and the speaker is a child / adult / …") is code,
// because it needs the people model; everything else is a regular expression over a named part
// of the text.
import type { TextTest } from '../linearRegex';
import type { CategoryId, Profile } from '../types';
import type { PersonKind } from './people';

export type Speaker = PersonKind | 'none';

/** One row of the frames table, as written in a lexicon file. */
export interface FrameRow {
  id: string;
  /** `pass`: the wording is not the writer's own, so no phrase entry reports it. `fire`: it is, stop looking. */
  decision: 'pass' | 'fire';
  profiles?: Profile[];
  /** Only for findings of these categories (default: all). */
  categories?: CategoryId[];
  /** Only for findings of these rules (default: all). */
  rules?: string[];
  /** Only where the words are about people in general ("young people who …", "a child who …"), in the present. */
  generic?: boolean;
  /** Only where the words are (true) or are not (false) inside quotation marks. */
  quoted?: boolean;
  /** Regexes that must all match the sentence before the words (before the quotation, for quoted words). */
  before?: string | string[];
  /** Regexes none of which may match the sentence before the words. */
  notBefore?: string | string[];
  /** Regexes that must all match the sentence after the words (after the quotation). */
  after?: string | string[];
  /** Regexes that must all match somewhere in the sentence. */
  sentence?: string | string[];
  /** Regexes that must all match the next sentence. */
  nextSentence?: string | string[];
  /** Regexes that must all match the paragraph. */
  paragraph?: string | string[];
  /** Regexes that must all match the first row of the table the words are in (never holds outside a table). */
  tableHeader?: string | string[];
  /** A speech verb introduces the words (before them, after the quotation, or either), said by one of these. */
  speech?: { at: 'before' | 'after' | 'either'; speakers?: Speaker[] };
  /** Set false in an organisation's file to switch off a core row of the same id. */
  enabled?: boolean;
  reason: string;
  examples?: { applies: FrameExample[]; not?: FrameExample[] };
  origin?: { file: string; line: number };
}

export interface FrameExample {
  text: string;
  /** The words the decision is about (their first occurrence in `text`). */
  at: string;
  profile?: Profile;
  format?: 'markdown' | 'plaintext';
}

export interface CompiledFrameRow {
  row: FrameRow;
  before: TextTest[];
  notBefore: TextTest[];
  after: TextTest[];
  sentence: TextTest[];
  nextSentence: TextTest[];
  paragraph: TextTest[];
  tableHeader: TextTest[];
}

/** What a row is tested against, computed lazily by the paragraph view for one candidate. */
export interface FrameFacts {
  profile: Profile;
  category?: CategoryId;
  ruleId?: string;
  quoted: boolean;
  before: string;
  after: string;
  sentence: string;
  nextSentence(): string;
  paragraph: string;
  tableHeader?: string;
  /** Memo of regex answers about the sentence, shared by the candidates in it. */
  sentenceTests?: Map<TextTest, boolean>;
  /** Memo of regex answers about the paragraph, shared by every candidate in it. */
  paragraphTests?: Map<TextTest, boolean>;
  /** The speaker of a speech verb before the words (or the quotation); undefined when there is none. */
  speakerBefore(): Speaker | undefined;
  /** For quoted words: the speaker of a speech verb after the quotation; undefined when there is none. */
  speakerAfter(): Speaker | undefined;
  /** Whether the words are about people in general, in the present. */
  generic(): boolean;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Compiles a row's regexes; `compileRegex` reports a bad one where the row is defined. */
export function compileFrameRow(row: FrameRow, compileRegex: (src: string) => TextTest): CompiledFrameRow {
  return {
    row,
    before: list(row.before).map(compileRegex),
    notBefore: list(row.notBefore).map(compileRegex),
    after: list(row.after).map(compileRegex),
    sentence: list(row.sentence).map(compileRegex),
    nextSentence: list(row.nextSentence).map(compileRegex),
    paragraph: list(row.paragraph).map(compileRegex),
    tableHeader: list(row.tableHeader).map(compileRegex),
  };
}

function speakerMatches(speaker: Speaker | undefined, allowed: Speaker[] | undefined): boolean {
  return speaker !== undefined && (!allowed || allowed.includes(speaker));
}

function memoTest(memo: Map<TextTest, boolean> | undefined, re: TextTest, text: string): boolean {
  if (!memo) return re.test(text);
  let answer = memo.get(re);
  if (answer === undefined) memo.set(re, (answer = re.test(text)));
  return answer;
}

/** Whether a row holds for these facts. */
export function frameRowApplies(r: CompiledFrameRow, f: FrameFacts): boolean {
  const { row } = r;
  if (row.enabled === false) return false;
  if (row.profiles && !row.profiles.includes(f.profile)) return false;
  if (row.categories && (!f.category || !row.categories.includes(f.category))) return false;
  if (row.rules && (!f.ruleId || !row.rules.includes(f.ruleId))) return false;
  if (row.quoted !== undefined && row.quoted !== f.quoted) return false;
  if (!r.before.every((re) => re.test(f.before))) return false;
  if (r.notBefore.some((re) => re.test(f.before))) return false;
  if (!r.after.every((re) => re.test(f.after))) return false;
  if (!r.sentence.every((re) => memoTest(f.sentenceTests, re, f.sentence))) return false;
  if (!r.paragraph.every((re) => memoTest(f.paragraphTests, re, f.paragraph))) return false;
  if (r.tableHeader.length > 0 && (f.tableHeader === undefined || !r.tableHeader.every((re) => re.test(f.tableHeader!)))) return false;
  if (r.nextSentence.length > 0) {
    const next = f.nextSentence();
    if (!r.nextSentence.every((re) => re.test(next))) return false;
  }
  if (row.generic !== undefined && row.generic !== f.generic()) return false;
  if (row.speech) {
    const { at, speakers } = row.speech;
    const before = at !== 'after' && speakerMatches(f.speakerBefore(), speakers);
    const after = at !== 'before' && f.quoted && speakerMatches(f.speakerAfter(), speakers);
    if (!before && !after) return false;
  }
  return true;
}

/** The first row that applies, or undefined: the wording is the writer's own. */
export function decideFrame(rows: readonly CompiledFrameRow[], facts: FrameFacts): CompiledFrameRow | undefined {
  for (const r of rows) if (frameRowApplies(r, facts)) return r;
  return undefined;
}

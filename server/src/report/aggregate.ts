// The audit's numbers, gathered one checked document (or exported record) at a time so that a
// report over millions of records needs memory for its tables only: counts per category, folder,
// record type and month, the most frequent wordings, suppressions, and a few findings behind each
// number for the drill-down (at most DRILL_DOWN_LIMIT each).
import { CATEGORY_IDS, type CategoryId } from '../engine';
import type { RecordResult, ResultFinding } from '../cli/jsonlInput';

/** Findings kept behind each number of the report; the count itself is always exact. */
export const DRILL_DOWN_LIMIT = 12;
/** Distinct wordings counted per rule; more are counted under their rule only. */
const WORDINGS_PER_RULE = 200;

export type CategoryCounts = Record<CategoryId, number>;

/** A finding behind a number: where it is, what it says and the text around it. */
export interface Example {
  location: string;
  ruleId: string;
  text: string;
  excerpt: string;
}

/** Words and findings of one group (a folder, a record type, a month). */
export interface GroupCounts {
  words: number;
  documents: number;
  findings: number;
  byCategory: CategoryCounts;
  /** Contact records, and those of them with the child's voice (words, wishes or observation). */
  contactRecords: number;
  contactWithVoice: number;
  examples: Partial<Record<CategoryId, Example[]>>;
  /** Contact records without the child's voice, for the drill-down. */
  voiceMissing: Example[];
}

export interface Wording {
  ruleId: string;
  category: CategoryId;
  /** The flagged words, lower-cased, spaces folded. */
  text: string;
  count: number;
  /** The first rewrite the engine offered for it. */
  rewrite: string;
  examples: Example[];
}

export interface SuppressionGroup {
  ruleId: string;
  reason: string;
  count: number;
  examples: Example[];
}

export interface Aggregates {
  version: 1;
  overall: GroupCounts;
  byFolder: Record<string, GroupCounts>;
  byRecordType: Record<string, GroupCounts>;
  /** By month (YYYY-MM) of the dated records; undated records are not in the trend. */
  byMonth: Record<string, GroupCounts>;
  wordings: Wording[];
  suppressions: SuppressionGroup[];
  /** Records or files that could not be checked (from the results, or unreadable files). */
  notChecked: Array<{ location: string; reason: string }>;
  notCheckedCount: number;
}

/** One checked document or record, as the aggregator takes it. */
export interface AuditInput {
  result: RecordResult;
  /** The group it belongs to (a folder, an agency, a team). */
  folder: string;
  /** How to name a line of it: "notes/a.md:12", "review.pdf p2:14", "export.jsonl#id". */
  locate(line: number): string;
  /** A record type given by the export's metadata, for records that are one record each. */
  recordType?: string;
  /** A date given by the export's metadata. */
  date?: string;
}

const zeroCategories = (): CategoryCounts => Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as CategoryCounts;

export function emptyGroup(): GroupCounts {
  return { words: 0, documents: 0, findings: 0, byCategory: zeroCategories(), contactRecords: 0, contactWithVoice: 0, examples: {}, voiceMissing: [] };
}

function keep<T>(list: T[], item: T): void {
  if (list.length < DRILL_DOWN_LIMIT) list.push(item);
}

export class Aggregator {
  private readonly overall = emptyGroup();
  private readonly byFolder = new Map<string, GroupCounts>();
  private readonly byRecordType = new Map<string, GroupCounts>();
  private readonly byMonth = new Map<string, GroupCounts>();
  private readonly wordings = new Map<string, Map<string, Wording>>();
  private readonly suppressions = new Map<string, SuppressionGroup>();
  private readonly notChecked: Aggregates['notChecked'] = [];
  private notCheckedCount = 0;

  addNotChecked(location: string, reason: string): void {
    this.notCheckedCount++;
    keep(this.notChecked, { location, reason });
  }

  add(input: AuditInput): void {
    const { result } = input;
    const records = [...result.records].sort((a, b) => a.line - b.line);
    // A finding belongs to the record whose heading is the last one at or before its line.
    const recordAt = (line: number) => {
      // Binary search: a chronology can have thousands of rows and of findings.
      let lo = 0;
      let hi = records.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (records[mid].line <= line) lo = mid;
        else hi = mid - 1;
      }
      return records[lo];
    };
    const groupsOf = (record: (typeof records)[number] | undefined): GroupCounts[] => {
      const groups = [this.overall, group(this.byFolder, input.folder)];
      const type = input.recordType ?? record?.type ?? 'other';
      groups.push(group(this.byRecordType, type));
      const date = input.date ?? record?.date;
      if (date) groups.push(group(this.byMonth, date.slice(0, 7)));
      return groups;
    };

    for (const g of new Set([this.overall, group(this.byFolder, input.folder)])) g.documents++;
    if (records.length === 0) for (const g of groupsOf(undefined)) g.words += result.words;
    for (const record of records) {
      const groups = groupsOf(record);
      for (const g of groups) g.words += record.words;
      if (record.childVoice !== undefined) {
        for (const g of groups) {
          g.contactRecords++;
          if (record.childVoice) g.contactWithVoice++;
          else keep(g.voiceMissing, { location: input.locate(record.line), ruleId: 'child-voice', text: '', excerpt: '' });
        }
      }
    }
    for (const f of result.findings) {
      const example = exampleOf(f, input);
      for (const g of groupsOf(recordAt(f.line))) {
        g.findings++;
        g.byCategory[f.category as CategoryId]++;
        keep((g.examples[f.category as CategoryId] ??= []), example);
      }
      this.countWording(f, example);
    }
    for (const s of result.suppressions) {
      const key = `${s.ruleId}\u0000${s.reason}`;
      let entry = this.suppressions.get(key);
      if (!entry) this.suppressions.set(key, (entry = { ruleId: s.ruleId, reason: s.reason, count: 0, examples: [] }));
      entry.count++;
      keep(entry.examples, exampleOf(s, input));
    }
  }

  private countWording(f: ResultFinding, example: Example): void {
    // Record-level findings (a missing child's voice) flag a heading, not a wording.
    if (f.category === 'child-voice') return;
    const text = f.text.toLowerCase().replace(/\s+/g, ' ').trim();
    let byText = this.wordings.get(f.ruleId);
    if (!byText) this.wordings.set(f.ruleId, (byText = new Map()));
    let wording = byText.get(text);
    if (!wording) {
      if (byText.size >= WORDINGS_PER_RULE) return;
      byText.set(text, (wording = { ruleId: f.ruleId, category: f.category as CategoryId, text, count: 0, rewrite: f.suggestions[0] ?? '', examples: [] }));
    }
    wording.count++;
    keep(wording.examples, example);
  }

  result(): Aggregates {
    const sorted = (m: Map<string, GroupCounts>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const wordings = [...this.wordings.values()].flatMap((m) => [...m.values()]).sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
    return {
      version: 1,
      overall: this.overall,
      byFolder: sorted(this.byFolder),
      byRecordType: sorted(this.byRecordType),
      byMonth: sorted(this.byMonth),
      wordings: wordings.slice(0, 50),
      suppressions: [...this.suppressions.values()].sort((a, b) => b.count - a.count),
      notChecked: this.notChecked,
      notCheckedCount: this.notCheckedCount,
    };
  }
}

function group(map: Map<string, GroupCounts>, key: string): GroupCounts {
  let g = map.get(key);
  if (!g) map.set(key, (g = emptyGroup()));
  return g;
}

function exampleOf(f: ResultFinding, input: AuditInput): Example {
  return { location: input.locate(f.line), ruleId: f.ruleId, text: f.text, excerpt: f.excerpt ?? f.text };
}

/** Findings per 1,000 words (0 when there are no words). */
export function per1000(count: number, words: number): number {
  return words > 0 ? (count * 1000) / words : 0;
}

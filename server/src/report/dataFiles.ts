// The report's numbers for people who use their own BI tools: one JSON file with every aggregate
// (also what --compare reads back) and CSV tables (RFC 4180 quoting) of the same numbers.
import * as fs from 'fs';
import * as path from 'path';
import { CATEGORY_IDS } from '../engine';
import { per1000, type Aggregates, type GroupCounts } from './aggregate';

function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value;
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: quote it with a '.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csv(rows: Array<Array<string | number>>): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function groupRows(kind: string, groups: Record<string, GroupCounts>): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [[kind, 'category', 'findings', 'words', 'per_1000_words']];
  for (const [name, g] of Object.entries(groups)) {
    rows.push([name, 'all', g.findings, g.words, per1000(g.findings, g.words)]);
    for (const c of CATEGORY_IDS) if (g.byCategory[c] > 0) rows.push([name, c, g.byCategory[c], g.words, per1000(g.byCategory[c], g.words)]);
  }
  return rows;
}

/** Writes NAME.json and NAME.*.csv into `dir`; returns the files written. */
export function writeDataFiles(data: Aggregates, dir: string, name: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    [`${name}.json`, JSON.stringify(data, null, 1) + '\n'],
    [`${name}.by-category.csv`, csv(groupRows('scope', { all: data.overall }))],
    [`${name}.by-folder.csv`, csv(groupRows('folder', data.byFolder))],
    [`${name}.by-record-type.csv`, csv(groupRows('record_type', data.byRecordType))],
    [`${name}.by-month.csv`, csv(groupRows('month', data.byMonth))],
    [
      `${name}.child-voice.csv`,
      csv([
        ['folder', 'contact_records', 'with_child_voice', 'share'],
        ...Object.entries(data.byFolder).filter(([, g]) => g.contactRecords > 0).map(([f, g]) => [f, g.contactRecords, g.contactWithVoice, g.contactWithVoice / g.contactRecords]),
      ]),
    ],
    [`${name}.wordings.csv`, csv([['rule', 'category', 'wording', 'count', 'rewrite'], ...data.wordings.map((w) => [w.ruleId, w.category, w.text, w.count, w.rewrite])])],
    [`${name}.suppressions.csv`, csv([['rule', 'reason', 'count'], ...data.suppressions.map((s) => [s.ruleId, s.reason, s.count])])],
  ];
  for (const [file, content] of files) fs.writeFileSync(path.join(dir, file), content);
  return files.map(([file]) => path.join(dir, file));
}

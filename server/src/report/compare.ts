// --compare previous.json: this run's rates against those of an earlier report's data file (the
// JSON that `heard report` writes beside the HTML), by category and by folder.
import * as fs from 'fs';
import { CATEGORY_IDS, type CategoryId } from '../engine';
import { UsageError } from '../cli/io';
import { per1000, type Aggregates, type GroupCounts } from './aggregate';

export interface Comparison {
  file: string;
  overall: { before: number; after: number };
  categories: Array<{ category: CategoryId; before: number; after: number }>;
  /** Folders present in both runs. */
  folders: Array<{ folder: string; before: number; after: number }>;
}

/** Reads an earlier report's data file, or says clearly why it cannot be used. */
export function readPrevious(file: string, shown: string): Aggregates {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`--compare ${shown}: ${code === 'ENOENT' ? 'file not found' : code ? `cannot be read (${code})` : 'not valid JSON'}`);
  }
  const d = data as Partial<Aggregates>;
  if (!d || d.version !== 1 || typeof d.overall?.words !== 'number' || typeof d.byFolder !== 'object') {
    throw new UsageError(`--compare ${shown}: not the data file of a heard report (expected the .json that heard report writes beside the HTML)`);
  }
  return d as Aggregates;
}

export function compare(previous: Aggregates, current: Aggregates, shown: string): Comparison {
  const rate = (g: GroupCounts, c?: CategoryId) => per1000(c ? g.byCategory[c] ?? 0 : g.findings, g.words);
  const categories = CATEGORY_IDS.filter((c) => (previous.overall.byCategory[c] ?? 0) > 0 || current.overall.byCategory[c] > 0).map((category) => ({
    category,
    before: rate(previous.overall, category),
    after: rate(current.overall, category),
  }));
  const folders = Object.keys(current.byFolder)
    .filter((f) => previous.byFolder[f])
    .map((folder) => ({ folder, before: rate(previous.byFolder[folder]), after: rate(current.byFolder[folder]) }));
  return { file: shown, overall: { before: rate(previous.overall), after: rate(current.overall) }, categories, folders };
}

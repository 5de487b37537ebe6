// Record-level checks: code that reads whole records (sections, dated entries) rather than
// single phrases. Each check lives in its own module and is listed here.
import type { RawMatch, DocumentContext, AnalysisCache } from '../analyse';
import type { CompiledLexicon } from '../lexicon';
import type { SegmentedDocument } from '../segment';
import type { HeardConfig } from '../types';

/** A match with document offsets (not paragraph offsets). */
export type RecordMatch = RawMatch;

export interface RecordCheckInput {
  seg: SegmentedDocument;
  text: string;
  ctx: DocumentContext;
  lexicon: CompiledLexicon;
  config?: HeardConfig;
  cache?: AnalysisCache;
}

export type RecordCheck = (input: RecordCheckInput) => RecordMatch[];

const CHECKS: RecordCheck[] = [];

export function runRecordChecks(
  seg: SegmentedDocument,
  text: string,
  ctx: DocumentContext,
  lexicon: CompiledLexicon,
  config?: HeardConfig,
  cache?: AnalysisCache,
): RecordMatch[] {
  const input = { seg, text, ctx, lexicon, config, cache };
  return CHECKS.flatMap((check) => check(input));
}

// What every record check is given and returns. A record check is code that reads whole records
// (sections, dated entries) or the whole document rather than single phrases; each lives in its
// own module in this folder and is registered by name in index.ts.
import { cached, type AnalysisCache, type CacheScopes } from '../cache';
import type { DocumentContext } from '../context/paragraphView';
import type { DocumentMatch } from '../matches';
import type { CompiledLexicon } from '../lexicon';
import type { SegmentedDocument } from '../segment';
import type { HeardConfig } from '../types';

/** A record check's match: offsets in the whole document. */
export type RecordMatch = DocumentMatch;

export interface RecordCheckInput {
  seg: SegmentedDocument;
  text: string;
  ctx: DocumentContext;
  lexicon: CompiledLexicon;
  config?: HeardConfig;
  cache?: AnalysisCache;
  /** Cache scopes for the document's text under its context (see analyse.ts); set with `cache`. */
  scopes?: CacheScopes;
}

const LONGEST_CACHED_PART = 8192;

/**
 * Runs `compute` for a piece of the document (a record or a paragraph starting at `start`), or
 * reuses its result from the cache when the same text was checked in the same context.
 */
export function cachedPart(input: RecordCheckInput, kind: string, start: number, text: string, compute: () => RecordMatch[]): RecordMatch[] {
  // A record as long as a whole document changes with every edit: not worth keeping.
  if (!input.cache || !input.scopes || text.length > LONGEST_CACHED_PART) return compute();
  const relative = cached(input.cache, input.scopes.scope(kind, start, start + text.length), text, () => compute().map((m) => ({ ...m, start: m.start - start, end: m.end - start })));
  return relative.map((m) => ({ ...m, start: m.start + start, end: m.end + start }));
}

/**
 * A record check, registered by name: a lexicon entry with `check: <name>` switches it on and
 * carries its message, severity, why, sources and examples; `checks.<name>` in the configuration
 * gives its options or turns it off.
 */
export interface RecordCheck {
  name: string;
  run(input: RecordCheckInput, ruleId: string, options: Record<string, unknown>): RecordMatch[];
}

// Record-level checks: code that reads whole records (sections, dated entries) or the whole
// document rather than single phrases. Each lives in its own module; a lexicon entry with
// `check: <name>` switches it on and carries its message, severity, why, sources and examples.
import { cached, type AnalysisCache, type CacheScopes, type DocumentContext, type RawMatch } from '../analyse';
import type { CompiledLexicon } from '../lexicon';
import type { SegmentedDocument } from '../segment';
import type { HeardConfig } from '../types';
import { acronymCheck } from './acronyms';
import { childVoiceCheck } from './childVoice';
import { domesticAbuseUnspecifiedCheck } from './domesticAbuseUnspecified';
import { harmWithoutAgentCheck } from './harmWithoutAgent';

/** A match with document offsets (not paragraph offsets). */
export type RecordMatch = RawMatch;

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

/** A check: finds matches for the entry `ruleId`, with options from `checks.<name>` in the configuration. */
export type RecordCheck = (input: RecordCheckInput, ruleId: string, options: Record<string, unknown>) => RecordMatch[];

export const RECORD_CHECKS: Record<string, RecordCheck> = {
  'child-voice': childVoiceCheck,
  'harm-without-agent': harmWithoutAgentCheck,
  'domestic-abuse-unspecified': domesticAbuseUnspecifiedCheck,
  acronyms: acronymCheck,
};

export function runRecordChecks(input: RecordCheckInput): RecordMatch[] {
  const { lexicon, ctx, config } = input;
  const out: RecordMatch[] = [];
  for (const { entry } of lexicon.entries) {
    if (!entry.check || !ctx.isEnabled(entry.id)) continue;
    if (entry.conditions?.profiles && !entry.conditions.profiles.includes(ctx.profile)) continue;
    const check = RECORD_CHECKS[entry.check];
    if (!check) continue;
    const setting = config?.checks?.[entry.check];
    const options = setting && typeof setting === 'object' ? (setting as Record<string, unknown>) : {};
    out.push(...check(input, entry.id, options));
  }
  return out;
}

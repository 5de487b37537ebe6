// Record-level checks: code that reads whole records (sections, dated entries) or the whole
// document rather than single phrases. Each lives in its own module; a lexicon entry with
// `check: <name>` switches it on and carries its message, severity, why, sources and examples.
import type { AnalysisCache, DocumentContext, RawMatch } from '../analyse';
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
}

/** A check: finds matches for the entry `ruleId`, with options from `checks.<name>` in the configuration. */
export type RecordCheck = (input: RecordCheckInput, ruleId: string, options: Record<string, unknown>) => RecordMatch[];

export const RECORD_CHECKS: Record<string, RecordCheck> = {
  'child-voice': childVoiceCheck,
  'harm-without-agent': harmWithoutAgentCheck,
  'domestic-abuse-unspecified': domesticAbuseUnspecifiedCheck,
  acronyms: acronymCheck,
};

export function runRecordChecks(
  seg: SegmentedDocument,
  text: string,
  ctx: DocumentContext,
  lexicon: CompiledLexicon,
  config?: HeardConfig,
  cache?: AnalysisCache,
): RecordMatch[] {
  const input: RecordCheckInput = { seg, text, ctx, lexicon, config, cache };
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

// The registry of record checks. A lexicon entry's `check:` must name one of these; the lexicon
// refuses to load otherwise (a misspelt name would compile and never fire).
import type { RecordCheck, RecordCheckInput, RecordMatch } from './recordCheck';
import { acronymCheck } from './acronyms';
import { childVoiceCheck } from './childVoice';
import { domesticAbuseUnspecifiedCheck } from './domesticAbuseUnspecified';
import { harmWithoutAgentCheck } from './harmWithoutAgent';
export type { RecordCheck, RecordCheckInput, RecordMatch } from './recordCheck';

export const RECORD_CHECKS: ReadonlyMap<string, RecordCheck> = new Map(
  [childVoiceCheck, harmWithoutAgentCheck, domesticAbuseUnspecifiedCheck, acronymCheck].map((c) => [c.name, c]),
);

/** The names a lexicon entry's `check:` may use. */
export const RECORD_CHECK_NAMES: readonly string[] = [...RECORD_CHECKS.keys()];

export function runRecordChecks(input: RecordCheckInput): RecordMatch[] {
  const { lexicon, ctx, config } = input;
  const out: RecordMatch[] = [];
  for (const { entry } of lexicon.entries) {
    if (!entry.check || !ctx.isEnabled(entry.id)) continue;
    if (entry.conditions?.profiles && !entry.conditions.profiles.includes(ctx.profile)) continue;
    const check = RECORD_CHECKS.get(entry.check);
    if (!check) continue; // refused when the lexicon loads; a lexicon built by hand may still hold one
    const setting = config?.checks?.[entry.check];
    const options = setting && typeof setting === 'object' ? (setting as Record<string, unknown>) : {};
    out.push(...check.run(input, entry.id, options));
  }
  return out;
}

// Rewrites that follow the tense of the words they replace. A rewrite may write a verb as {verb}
// ("{go} missing"): it takes the tense in which the text used the entry's own verb ("absconded" →
// "went missing", "has absconded" → "gone missing", "absconding" → "going missing"). The verbs'
// forms are worked out when the lexicon is compiled (patterns.ts `verbTable`), not at run time.
import type { VerbTable } from './patterns';

type Tense = keyof VerbTable;

const PERFECT_OR_PASSIVE_BEFORE = /(?<![\p{L}])(?:has|have|had|having|been|being|was|were|is|are|be)\s+(?:\p{L}+ly\s+|not\s+|never\s+|just\s+|already\s+)?$/iu;

/** The tense in which `matched` uses one of the pattern verbs; infinitive when none is found. */
export function tenseOf(matched: string, before: string, patternVerbs: VerbTable[]): Tense {
  const lower = matched.toLowerCase();
  const words = [...lower.matchAll(/[\p{L}'’-]+/gu)];
  for (const w of words) {
    for (const t of patternVerbs) {
      const word = w[0];
      if (word === t.gerund) return 'gerund';
      if (word === t.past || word === t.participle) {
        const lead = before + matched.slice(0, w.index);
        if (word === t.participle && word !== t.past) return 'participle';
        return PERFECT_OR_PASSIVE_BEFORE.test(lead) ? 'participle' : 'past';
      }
      if (word === t.present && word !== t.infinitive) return 'present';
      if (word === t.infinitive) return 'infinitive';
    }
  }
  return 'infinitive';
}

/** A rewrite with every {verb} in the tense of the matched text. */
export function inflectRewrite(rewrite: string, matched: string, before: string, tables: Record<string, VerbTable>, patternVerbs: string[]): string {
  if (!rewrite.includes('{')) return rewrite;
  const tense = tenseOf(matched, before, patternVerbs.map((v) => tables[v]).filter(Boolean));
  return rewrite.replace(/\{\s*([\p{L}'’-]+)\s*\}/gu, (whole, verb: string) => tables[verb.toLowerCase()]?.[tense] ?? whole);
}

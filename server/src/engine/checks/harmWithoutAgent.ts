// harm-without-agent: harm in the passive with no one doing it ("was assaulted", "had been
// strangled") and no "by …" after it. Suggests naming the adult; the engine adds the adults the
// record itself names as lower-ranked choices (never applied automatically).
import { ParagraphView } from '../context/paragraphView';
import { nearestRefBefore } from '../context/people';
import { negatedBefore } from '../context/quotes';
import { LETTER } from '../patterns';
import { spanContaining } from '../text';
import { cachedPart, type RecordCheckInput, type RecordMatch, type RecordCheck } from './recordCheck';

// Run on the paragraph lowered by `forMatching` (same offsets), without the i and u flags: this
// scans every paragraph, and V8 runs such a regex several times faster.
const HARM_PASSIVE = new RegExp(
  `(?<![${LETTER}])(?:was|were|had\\s+been|has\\s+been|have\\s+been|being|been|got|gets|get)\\s+(?:[${LETTER}]+ly\\s+)?(?:(?:sexually|physically|repeatedly|seriously)\\s+)?(?:assaulted|punched|kicked|slapped|strangled|choked|throttled|pushed|shoved|beaten|beaten\\s+up|attacked|abused|raped|threatened|grabbed|bitten|burn(?:ed|t)|shaken|exploited|groomed|trafficked|stabbed|head-?butted|molested|hit|smacked)(?![${LETTER}])`,
  'g',
);
const GENERIC_VICTIM = /^(?:children|people|young\s+people|victims|survivors|girls|boys|siblings|babies|women|men|adults|parents)$/iu;
const HYPOTHETICAL_BEFORE = /(?<![\p{L}])(?:(?:may|might|could|would|should|must)\s+(?:not\s+)?(?:have\s+)?(?:already\s+|previously\s+|ever\s+|also\s+)?|from\s+|risk\s+of\s+|if\s+\p{L}+\s+|whether\s+\p{L}+\s+)$/iu;
const AGENT_AFTER = /^[^.;!?]{0,60}?(?<![\p{L}])by(?![\p{L}])/iu;
// "was hit by a car" has an agent; "was hit in the face" does not: only "by" decides. These
// follow-ons mean something else was hit or pushed: a target, a button, a limit.
const OTHER_SENSE_AFTER = /^\s+(?:for\s+time|to\s+the\s+limit|into\s+care|forward|back\s+to|through)/iu;

export const harmWithoutAgentCheck: RecordCheck = { name: 'harm-without-agent', run: harmWithoutAgentCheckRun };

function harmWithoutAgentCheckRun(input: RecordCheckInput, ruleId: string): RecordMatch[] {
  return input.seg.paragraphs.flatMap((p) => cachedPart(input, 'harm-without-agent', p.start, p.text, () => inParagraph(p.text).map((m) => ({ ...m, start: m.start + p.start, end: m.end + p.start }))));

  function inParagraph(text: string): RecordMatch[] {
    const out: RecordMatch[] = [];
    const view = ParagraphView.of(text, input.ctx);
    const lower = view.lower;
    HARM_PASSIVE.lastIndex = 0;
    for (let m = HARM_PASSIVE.exec(lower); m; m = HARM_PASSIVE.exec(lower)) {
      const matched = text.slice(m.index, m.index + m[0].length);
      const after = text.slice(m.index + m[0].length);
      if (AGENT_AFTER.test(after) || OTHER_SENSE_AFTER.test(after)) continue;
      const sentence = spanContaining(view.sentences, m.index);
      // Only harm to a particular person: "Leo was hit", "she had been assaulted"; not "the target
      // was hit", not children in general ("children who have been abused"), not a possibility
      // ("may have been exploited") or a purpose ("to protect her from being groomed").
      const victim = nearestRefBefore(view.refs, sentence, m.index);
      if (!victim || m.index - victim.end > 30) continue;
      const lead = text.slice(sentence.start, m.index);
      if (GENERIC_VICTIM.test(victim.text) || /(?<![\p{L}])(?:a|an|any|every|some|all|many|most)\s+$/iu.test(text.slice(sentence.start, victim.start))) continue;
      if (HYPOTHETICAL_BEFORE.test(lead)) continue;
      if (negatedBefore(lead)) continue;
      if (!view.framingAllows(m.index, m.index + m[0].length)) continue;
      // "[adult]" is filled in by the engine with the adults the record names, as extra choices.
      out.push({ ruleId, start: m.index, end: m.index + m[0].length, suggestions: [`${matched} by [adult]`] });
    }
    return out;
  }
}

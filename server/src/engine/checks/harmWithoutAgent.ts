// harm-without-agent: harm written with no one doing it. Two shapes:
// - a passive with no "by …" after it ("was assaulted", "had been sexually exploited", "after being
//   forced to"), about a particular person (not children in general, not a possibility);
// - injuries that were "received", "sustained" or "suffered", and abuse someone "suffered", with
//   nobody named as causing them.
// Suggests naming the adult; the engine adds the adults the record itself names as lower-ranked
// choices (never applied automatically).
import { ParagraphView } from '../context/paragraphView';
import { INDEFINITE_BEFORE, nearestRefBefore, PARTICULAR_BEFORE, PLURAL_PEOPLE } from '../context/people';
import { negatedBefore } from '../context/quotes';
import { LETTER } from '../patterns';
import { spanContaining, within, type Span } from '../text';
import { cachedPart, type RecordCheckInput, type RecordMatch, type RecordCheck } from './recordCheck';

// Run on the paragraph lowered by `forMatching` (same offsets), without the i and u flags: this
// scans every paragraph, and V8 runs such a regex several times faster.
const HARM_VERBS =
  'assaulted|punched|kicked|slapped|strangled|choked|throttled|suffocated|smothered|pushed|shoved|beaten|beaten\\s+up|attacked|abused|raped|' +
  'threatened|grabbed|bitten|burn(?:ed|t)|scalded|shaken|exploited|groomed|trafficked|stabbed|head-?butted|molested|hit|smacked|tortured|' +
  'starved|drugged|imprisoned|injured|killed|murdered|forced\\s+to|forced\\s+into|coerced\\s+into|coerced\\s+to|' +
  // "was made to have sex", not "a referral was made to the team".
  'made\\s+to(?=\\s+(?!the\\s|a\\s|an\\s|his\\s|her\\s|their\\s|its\\s|this\\s|that\\s|these\\s|those\\s|[0-9]))';
const HARM_PASSIVE = new RegExp(
  `(?<![${LETTER}])(?<aux>was|were|is|are|had\\s+been|has\\s+been|have\\s+been|being|been|got|gets|get)\\s+(?:[${LETTER}]+ly\\s+){0,2}(?:${HARM_VERBS})(?![${LETTER}])`,
  'g',
);
// "major injuries received", "had sustained fractures", "suffered further abuse".
const INJURY = `(?:(?:head|brain|facial|internal|non-accidental|serious|significant|major|minor|multiple|several|further|old|new|healing)\\s+)*(?:injur(?:y|ies)|fractures?|(?:fractured|broken)\\s+[${LETTER}]+|bruis(?:es|ing)|burns|wounds?|bleeding|bite\\s+marks)`;
const INJURY_NOMINAL = new RegExp(
  `(?<![${LETTER}])(?:${INJURY}\\s+(?:(?:were|was|had\\s+been|have\\s+been|has\\s+been|being)\\s+)?(?:received|sustained|suffered|inflicted|caused)|` +
    `(?:sustained|suffered|received|sustaining|suffering|receiving)\\s+(?:(?:a|an|the|following|these|those|his|her|their)\\s+)*${INJURY}|` +
    `(?:suffer(?:s|ed|ing)?|endur(?:es|ed|ing|e)|subjected\\s+to)\\s+(?:(?:further|ongoing|repeated|serious|severe|years\\s+of|months\\s+of|continued|sustained)\\s+)*(?:sexual\\s+|physical\\s+|emotional\\s+|domestic\\s+)?(?:abuse|assaults?|violence))(?![${LETTER}])`,
  'g',
);
// Substring tests are much faster than one alternation scanned at every position.
const INJURY_GATE = ['injur', 'fractur', 'bruis', 'burns', 'wound', 'bleed', 'bite', 'broken', 'suffer', 'endur', 'subjected'];
const PAST_IN_SENTENCE = /(?<![\p{L}])(?:was|were|had|did)(?![\p{L}])/iu;
// "When a child is exploited, …", "They may not understand they are being abused": a condition or
// a possibility in the present is about people in general.
const CONDITION_BEFORE = /(?<![\p{L}])(?:when|whenever|if|where|once|unless)\s+[^,;:.]*$/iu;
const MODAL_IN = /(?<![\p{L}])(?:may|might|can|could|will|would|should|must)(?![\p{L}])/iu;
const HYPOTHETICAL_BEFORE =
  /(?<![\p{L}])(?:(?:may|might|could|would|should|must|can|cannot|can['’]t)\s+(?:not\s+)?(?:have\s+)?(?:already\s+|previously\s+|ever\s+|also\s+)?|from\s+|risk\s+of\s+|history\s+of\s+|(?:fear|afraid|scared|frightened)\s+of\s+|if\s+\p{L}+\s+|whether\s+\p{L}+\s+|to\s+avoid\s+)$/iu;
// The "by" of a later verb that reports or finds the harm ("bruising noted by the teacher",
// "found by police") names who saw it, not who did it; a dash starts another clause in a note.
const AGENT_AFTER =
  /^[^.;!?–—]{0,60}?(?<![\p{L}])(?<!(?:noted|seen|found|reported|observed|identified|recorded|raised|referred|examined|discovered|photographed|witnessed|collected|brought|taken|located|recovered|picked\s+up)\s+)(?:by|at\s+the\s+hands\s+of|in\s+the\s+care\s+of|from\s+(?:her|his|their|the|a|an)\s+(?:[\p{L}-]+\s+)?(?:father|mother|dad|mum|stepfather|stepmother|stepdad|partner|ex-partner|boyfriend|husband|uncle|brother|cousin|carer|grandfather|abuser|perpetrator|offender|man|men|adults?|gang))(?![\p{L}])/iu;
// An accident is not a hidden perpetrator.
const ACCIDENT_NEAR = /(?<![\p{L}])(?:accident\w*|fell|fall(?:ing)?|crash\w*|collision|tripped|slipped|sport\w*|playing|played|game|match|football|rugby|bike|bicycle|road\s+traffic)(?![\p{L}])/iu;
// "was hit by a car" has an agent; "was hit in the face" does not: only "by" decides. These
// follow-ons mean something else was hit or pushed: a target, a button, a limit.
const OTHER_SENSE_AFTER = /^\s+(?:for\s+time|to\s+the\s+limit|into\s+care|forward|back\s+to|through|hard\s+by|to\s+attend|to\s+leave\s+(?:the\s+)?(?:job|post|school))/iu;

export const harmWithoutAgentCheck: RecordCheck = { name: 'harm-without-agent', run: harmWithoutAgentCheckRun };

function harmWithoutAgentCheckRun(input: RecordCheckInput, ruleId: string): RecordMatch[] {
  return input.seg.paragraphs.flatMap((p) => cachedPart(input, 'harm-without-agent', p.start, p.text, () => inParagraph(p.text).map((m) => ({ ...m, start: m.start + p.start, end: m.end + p.start }))));

  function inParagraph(text: string): RecordMatch[] {
    const out: RecordMatch[] = [];
    const view = ParagraphView.of(text, input.ctx);
    const lower = view.lower;
    const report = (start: number, end: number) => {
      if (!view.framingAllows(start, end, 'hidden-perpetrator')) return;
      const matched = text.slice(start, end);
      // "[adult]" is filled in by the engine with the adults the record names, as extra choices.
      out.push({ ruleId, start, end, suggestions: [`${matched} by [adult]`] });
    };
    HARM_PASSIVE.lastIndex = 0;
    for (let m = HARM_PASSIVE.exec(lower); m; m = HARM_PASSIVE.exec(lower)) {
      const after = text.slice(m.index + m[0].length);
      if (AGENT_AFTER.test(after) || OTHER_SENSE_AFTER.test(after)) continue;
      const sentence = spanContaining(view.sentences, m.index);
      const lead = text.slice(sentence.start, m.index);
      if (HYPOTHETICAL_BEFORE.test(lead) || negatedBefore(lead)) continue;
      if (namesWhoHarmed(view, sentence, m.index + m[0].length)) continue;
      if (!aboutAParticularPerson(view, sentence, m.index, m.groups!.aux)) continue;
      report(m.index, m.index + m[0].length);
    }
    // Most paragraphs name no injury and no suffering: a plain gate first.
    INJURY_NOMINAL.lastIndex = INJURY_GATE.some((w) => lower.includes(w)) ? 0 : lower.length;
    for (let m = INJURY_NOMINAL.exec(lower); m; m = INJURY_NOMINAL.exec(lower)) {
      const sentence = spanContaining(view.sentences, m.index);
      const sentenceText = text.slice(sentence.start, sentence.end);
      const after = text.slice(m.index + m[0].length, sentence.end);
      const lead = text.slice(sentence.start, m.index);
      if (AGENT_AFTER.test(after) || ACCIDENT_NEAR.test(sentenceText) || HYPOTHETICAL_BEFORE.test(lead) || negatedBefore(lead)) continue;
      // "likely to suffer significant harm" is the legal threshold, and abuse "suffered" by
      // children in general is a statement about a population.
      if (/(?<![\p{L}])(?:likely|risk)\s+(?:to|of)\s+(?:\p{L}+\s+)?$/iu.test(lead)) continue;
      // "had been subjected to" is an event; "children subjected to abuse" (no auxiliary) may be
      // a population: the tense of the sentence decides.
      const aux = /^subjected/.test(m[0]) ? (/(?:was|were|had\s+been|has\s+been|have\s+been)\s+$/.exec(lead.slice(-30).toLowerCase())?.[0].trim() ?? 'being') : 'was';
      if (/^(?:suffer|endur|subjected)/i.test(m[0]) && !aboutAParticularPerson(view, sentence, m.index, aux)) continue;
      report(m.index, m.index + m[0].length);
    }
    return out;
  }
}

/**
 * Whether the sentence names who did it all the same: an abuser named as such ("their abuser", "the
 * perpetrator"), or, after "forced into" / "coerced into", the person it was done with or for
 * ("coerced into having sex with a 16-year-old male").
 */
function namesWhoHarmed(view: ParagraphView, sentence: Span, end: number): boolean {
  if (within(view.refs, sentence.start, sentence.end).some((r) => r.role === 'abuser')) return true;
  const matched = view.lower.slice(Math.max(sentence.start, end - 20), end);
  if (!/(?:forced|coerced|made)\s+(?:to|into)$|(?:groomed|exploited|trafficked)$/.test(matched)) return false;
  // The person it was done with or for is named later in the sentence (for grooming and
  // exploitation, an adult: "was groomed online and sent images to an adult").
  const adultOnly = /(?:groomed|exploited|trafficked)$/.test(matched);
  return within(view.refs, end, sentence.end).some((r) => !r.pronoun && r.kind !== 'professional' && (!adultOnly || r.kind === 'adult') && r.start - end < 80) ||
    /(?<![\p{L}])(?:males?|men|boys?|adults?|\d+[- ]year[- ]olds?)(?![\p{L}])/iu.test(view.text.slice(end, Math.min(sentence.end, end + 80)));
}

/**
 * Whether harm written at `at` is about a particular person ("Leo was hit", "the girls were
 * abused", "a teenage girl was exploited for three years") rather than people in general
 * ("children who are abused", "a child who has been groomed"). An indefinite or bare plural
 * victim is general when the clause is in the present; in the past it is a particular event.
 */
function aboutAParticularPerson(view: ParagraphView, sentence: Span, at: number, aux: string): boolean {
  const victim = nearestRefBefore(view.refs, sentence, at);
  if (!victim || victim.kind === 'professional' || at - victim.end > 80) return false;
  const beforeVictim = view.text.slice(sentence.start, victim.start);
  const sentenceText = view.text.slice(sentence.start, sentence.end);
  const past = /^(?:was|were|had)/i.test(aux) || (/^(?:being|been|got|get)/i.test(aux) && PAST_IN_SENTENCE.test(sentenceText));
  const lead = view.text.slice(sentence.start, at);
  if (!past && (CONDITION_BEFORE.test(lead) || MODAL_IN.test(lead))) return false;
  if (PLURAL_PEOPLE.test(victim.text) && !PARTICULAR_BEFORE.test(beforeVictim)) return past;
  if (INDEFINITE_BEFORE.test(beforeVictim)) return past;
  return true;
}

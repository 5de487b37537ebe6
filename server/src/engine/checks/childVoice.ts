// child-voice: a record of direct contact with a child (visit, direct work, school or health
// contact) with no sign of the child's voice — no words attributed to the child, no wishes or
// feelings, no observation of the child — and no reason recorded why not.
import { linearRegex } from '../linearRegex';
import { ParagraphView } from '../context/paragraphView';
import { subjectAt } from '../context/people';
import { speechVerbAfter, speechVerbBefore } from '../context/quotes';
import { splitRecords, type DocRecord, type RecordType } from '../records';
import { spanContaining } from '../text';
import { cachedPart, type RecordCheckInput, type RecordMatch, type RecordCheck } from './recordCheck';

// "she said", "told me", "he wants", "they felt": a speech, wish or feeling verb.
const VOICE_VERB =
  /(?<![\p{L}])(?:said|says|told|tells|explained|described|shared|asked|answered|replied|talked|spoke|wants|wanted|wishes|wished|would\s+like|likes|liked|loves|enjoys|enjoyed|hates|feels|felt|worries|worried|drew|wrote|signed|pointed|chose|agreed|disagreed|(?:does|did)\s+not\s+want|(?:doesn|didn)['’]t\s+want|(?:is|was|felt|feels|seemed)\s+(?:scared|frightened|worried|upset|happy|sad|angry|anxious|excited|nervous|safe|unsafe|lonely))(?![\p{L}])/giu;
// Explicit records of the child's views.
const VOICE_PHRASE =
  /(?<![\p{L}])(?:in\s+(?:her|his|their)\s+(?:own\s+)?words|wishes\s+and\s+feelings|(?:her|his|their)\s+(?:views?|wishes|feelings|voice|account)|voice\s+of\s+the\s+child|child['’]s\s+(?:voice|views?|wishes|feelings)|\p{Lu}\p{Ll}+['’]s\s+(?:views?|wishes|feelings|voice)|seen\s+alone|spoke\s+(?:to|with)\s+\p{Lu}\p{Ll}+\s+alone|on\s+(?:her|his|their)\s+own)(?![\p{L}])/iu;
// What was seen of a baby or a child who does not speak.
const OBSERVATION =
  /(?<![\p{L}])(?:I|we)\s+(?:observed|saw|noticed|watched|noted\s+that\s+\p{Lu}\p{Ll}+)|(?<![\p{L}])(?:observed|observation|presented\s+as|presentation|eye\s+contact|babbl\w*|coo(?:ed|ing)|crawl\w*|smil\w+|laugh\w*|play(?:ed|ing)|cuddl\w+|settled|interact\w*|reached\s+for|responded\s+to|clean\s+and\s+appropriately\s+dressed|body\s+language|tearful|withdrawn)(?![\p{L}])/iu;
// A reason the child was not seen or heard.
const REASON_NOT =
  /(?<![\p{L}])(?:not\s+seen|was\s+(?:asleep|sleeping|at\s+(?:school|nursery|college)|not\s+(?:home|present|in))|asleep|pre-?verbal|non-?verbal|non-speaking|declined\s+to\s+(?:speak|talk|be\s+seen)|(?:did\s+not|didn['’]t)\s+want\s+to\s+(?:speak|talk)|unable\s+to\s+(?:speak|see|be\s+seen)|not\s+present|no\s+access|too\s+young)(?![\p{L}])/iu;

export const DEFAULT_RECORD_TYPES: RecordType[] = ['contact'];

function hasVoice(record: DocRecord, input: RecordCheckInput): boolean {
  for (const p of record.body) {
    const text = p.text;
    if (VOICE_PHRASE.test(text) || OBSERVATION.test(text) || REASON_NOT.test(text)) return true;
    const view = ParagraphView.of(text, input.ctx);
    // Quoted words attributed to someone who is not a professional or another adult.
    for (const q of view.quotes) {
      const sentence = spanContaining(view.sentences, q.start);
      const before = text.slice(sentence.start, q.start);
      const at = speechVerbBefore(before);
      const after = text.slice(q.end, sentence.end);
      if (at < 0 && !speechVerbAfter(after)) continue;
      const speaker = at >= 0 ? subjectAt(view.refs, sentence, sentence.start + at, text) : 'unknown';
      if (speaker === 'child' || speaker === 'unknown' || speaker === 'none') return true;
    }
    // Reported speech, wishes or feelings with the child (or an unidentified person) as subject.
    VOICE_VERB.lastIndex = 0;
    for (let m = VOICE_VERB.exec(text); m; m = VOICE_VERB.exec(text)) {
      const sentence = spanContaining(view.sentences, m.index);
      const subject = subjectAt(view.refs, sentence, m.index, text);
      if (subject === 'child' || subject === 'unknown') return true;
    }
  }
  return false;
}

export const childVoiceCheck: RecordCheck = { name: 'child-voice', run: childVoiceCheckRun };

function childVoiceCheckRun(input: RecordCheckInput, ruleId: string, options: Record<string, unknown>): RecordMatch[] {
  const types = Array.isArray(options.recordTypes) ? (options.recordTypes as RecordType[]) : DEFAULT_RECORD_TYPES;
  // Both come from a workspace's files: matched in linear time (linearRegex.ts).
  const separator = input.config?.recordSeparator ? linearRegex(input.config.recordSeparator, { ignoreCase: false, multiline: true }) : undefined;
  const exclude = Array.isArray(options.exclude) ? (options.exclude as string[]).map((r) => linearRegex(r)) : [];
  const out: RecordMatch[] = [];
  const name = input.ctx.childName ?? '[Child]';
  for (const record of splitRecords(input.seg, separator)) {
    if (!types.includes(record.type) || record.body.length === 0) continue;
    if (exclude.some((re) => re.test(record.heading))) continue;
    out.push(...cachedPart(input, `child-voice:${name}`, record.start, input.seg.masked.slice(record.start, record.end), () => missingVoice(record)));
  }
  return out;

  function missingVoice(record: DocRecord): RecordMatch[] {
    if (hasVoice(record, input)) return [];
    const heading = input.text.slice(record.headingStart, record.headingEnd);
    return [{
      ruleId,
      start: record.headingStart,
      end: record.headingEnd,
      message: `Child's voice: this record ("${heading}") has no words, wishes, feelings or observation of the child, and no reason why not.`,
      suggestions: [
        `${heading}\n\n${name}'s views, in ${name === '[Child]' ? 'their' : 'their own'} words: "[what the child said]"\nObserved: [what you saw of the child]`,
        `${heading}\n\nNot seen or heard because: [reason]`,
      ],
    }];
  }
}

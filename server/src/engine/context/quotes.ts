// Quotation and framing: is the flagged wording someone's own recorded words, wording a review
// reports in order to criticise it, or talk about the language itself?
import type { Span } from '../text';

export interface QuoteSpan extends Span {
  /** Offsets of the quoted content (inside the marks). */
  innerStart: number;
  innerEnd: number;
}

const OPEN_CLOSE: Record<string, string> = { '“': '”', '‘': '’', '"': '"', "'": "'", '«': '»' };

/**
 * Quoted stretches of a paragraph. Straight single quotes only count when they open after a
 * space or bracket and close before a space or punctuation, so apostrophes (don't, Jez's) are not
 * taken for quotation marks.
 */
export function quoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const close = OPEN_CLOSE[ch];
    const prev = i > 0 ? text[i - 1] : ' ';
    const opensHere =
      close !== undefined &&
      (ch === '“' || ch === '«' || ch === '"' || /[\s([{—–-]/.test(prev) || i === 0) &&
      (ch !== '‘' || /[\s([{—–-]/.test(prev) || i === 0) &&
      i + 1 < text.length &&
      !/\s/.test(text[i + 1]);
    if (!opensHere) {
      i++;
      continue;
    }
    let j = i + 1;
    let end = -1;
    while (j < text.length) {
      if (text[j] === close) {
        const next = j + 1 < text.length ? text[j + 1] : ' ';
        const closes = close === '"' || close === '”' || close === '»' || /[\s.,;:!?)\]—–…"”’'-]/.test(next);
        if (closes && !/\s/.test(text[j - 1])) {
          end = j;
          break;
        }
      }
      if (text[j] === '\n' && text[j + 1] === '\n') break;
      j++;
    }
    if (end < 0) {
      i++;
      continue;
    }
    spans.push({ start: i, end: end + 1, innerStart: i + 1, innerEnd: end });
    i = end + 1;
  }
  return spans;
}

export function quoteAt(quotes: QuoteSpan[], start: number, end: number): QuoteSpan | undefined {
  return quotes.find((q) => start >= q.innerStart && end <= q.innerEnd);
}

const SPEECH_VERBS =
  'said|says|saying|say|told|tells|telling|tell|stated|states|explained|explains|described|describes|asked|asks|replied|' +
  'replies|shouted|screamed|cried|whispered|wrote|writes|texted|messaged|disclosed|discloses|shared|shares|reported|' +
  'reports|added|adds|commented|agreed|insisted|repeated|answered|responded|confirmed|mentioned|voiced|' +
  'expressed|expresses|signed|typed|drew|spoke|speaks|recalled|recalls|admitted|denied|claimed|alleged|call|calls|called|calling|' +
  'reporting|saying|telling|disclosing|describing|explaining';
// A speech verb in the active voice: "was told", "had been described as" report what someone else
// said to or about the person, not what they said. Words after the verb may be separated by commas
// ("told a teaching assistant, daddy …").
const SPEECH_BEFORE = new RegExp(
  `(?:(?<![\\p{L}])(?<!(?<![\\p{L}])(?:was|were|is|are|be|been|being|get|got|gets)\\s+)(?:${SPEECH_VERBS})(?![\\p{L}])(?:[\\s,]+[\\p{L}\\p{N}'’()-]+){0,6}?[\\s,:]*|` +
    `(?<![\\p{L}])in\\s+(?:her|his|their|my)\\s+(?:own\\s+)?words[\\s,:]*|:\\s*)$`,
  'iu',
);
const SPEECH_AFTER = new RegExp(`^[\\s,]*(?:\\p{L}+\\s+){0,3}?(?:${SPEECH_VERBS})(?![\\p{L}])`, 'iu');

/** Where a speech verb (or "in her words") introduces the quote or the clause: its offset, or -1. */
export function speechVerbBefore(before: string): number {
  const m = SPEECH_BEFORE.exec(before);
  return m ? m.index : -1;
}
export function speechVerbAfter(after: string): boolean {
  return SPEECH_AFTER.test(after);
}
const IN_OWN_WORDS = /(?<![\p{L}])in\s+(?:her|his|their)\s+(?:own\s+)?words(?![\p{L}])/iu;

/** "In her own words, …": what follows is the person's account. */
export function inTheirOwnWords(before: string): boolean {
  return IN_OWN_WORDS.test(before);
}

// Reviews report others' wording: "was described as", "referred to as", "records said".
const REPORTING_FRAME = new RegExp(
  '(?<![\\p{L}])(?:described|referred\\s+to|labell?ed|called|termed|characteri[sz]ed|recorded|viewed|seen|regarded|' +
    'perceived|portrayed|considered|deemed|categori[sz]ed|framed|written\\s+up|noted|documented|presented)(?:\\s+\\p{L}+){0,2}\\s+as(?![\\p{L}])|' +
    '(?<![\\p{L}])(?:records?|notes?|minutes|referrals?|reports?|assessments?|entries|entry|professionals?|practitioners?|agenc(?:y|ies)|staff|police|' +
    'school|college|nurses?|teachers?|officers?|workers?|managers?|clinicians?|therapists?|services?)(?:\\s+\\p{L}+){0,3}?\\s+(?:had\\s+|have\\s+)?(?:said|say|says|stated|noted|described|recorded|' +
    'reported|wrote|written|used|referred|suggested|concluded|spoke|talked|felt|believed|thought)(?![\\p{L}])|' +
    '(?<![\\p{L}])(?:was|were|is|are|had\\s+been|has\\s+been|have\\s+been)\\s+(?:said|thought|believed|felt|judged|assessed|seen|viewed|considered|noted|known|reported|recorded)\\s+to(?![\\p{L}])|' +
    // "It was felt that …", "the nurse recorded that …": a review reporting a professional view.
    '(?<![\\p{L}])it\\s+(?:was|is|had\\s+been)\\s+(?:felt|thought|noted|recorded|believed|considered|assessed|judged|assumed|suggested)(?![\\p{L}])|' +
    '(?<![\\p{L}])(?:recorded|noted|wrote|stated|reported|documented|concluded|suggested)\\s+(?:\\p{L}+\\s+){0,2}?that(?![\\p{L}])|' +
    // "the formulation was that Jez was not ready to engage": a professional view, reported.
    '(?<![\\p{L}])(?:formulation|conclusion|assessment|opinion|analysis|view|plan|hypothesis)\\s+(?:was|were|is|had\\s+been)\\s+that(?![\\p{L}])|' +
    // "There was an assumption that she had made a free choice": a review examining a belief.
    '(?<![\\p{L}])(?:assumption|assumed|assuming|belief|believed|view|perception|perceived|impression|narrative|notion|idea|presumption|presumed)\\s+(?:\\p{L}+\\s+){0,2}?that(?![\\p{L}])',
  'iu',
);

/** Whether the sentence frames the wording as someone else's (a review's reporting frame). */
export function hasReportingFrame(sentenceBefore: string): boolean {
  return REPORTING_FRAME.test(sentenceBefore);
}

// Talk about the language itself: "language such as …", "the phrase …", "victim-blaming terms".
const LANGUAGE_NOUN =
  /(?<![\p{L}])(?:language|phrases?|phrasing|terms?|terminology|wording|words?|expressions?|labels?|labell?ing|vocabulary|euphemisms?|descriptions?|victim[- ]blaming|adultifying|adultification|mutualising|minimising)(?![\p{L}])/iu;
const INTRODUCER = /(?<![\p{L}])(?:such\s+as|like|e\.g\.|for\s+example|including|namely|the\s+(?:word|term|phrase|label|expression)s?|as)[\s,:]*$/iu;

/** Whether the sentence is about the wording rather than using it. */
// "… must be avoided", "inappropriate", "victim-blaming": the sentence judges the wording it names.
const CRITICISM =
  /(?<![\p{L}])(?:avoid(?:ed|ing)?|challeng\w*|inappropriate|unhelpful|harmful|victim[- ]blaming|blaming|should\s+not\s+be\s+used|must\s+not|is\s+not\s+acceptable|replac\w+|instead\s+of|rather\s+than)(?![\p{L}])/iu;

export function isTalkAboutLanguage(sentence: string, before: string, quoted: boolean): boolean {
  // 'such as "the older boyfriend"': a quoted example introduced as an example is about wording.
  if (quoted && /(?<![\p{L}])(?:such\s+as|e\.g\.|for\s+example|phrases?\s+like|words?\s+like)[\s,:]*["“‘']?$/iu.test(before)) return true;
  if (!LANGUAGE_NOUN.test(sentence)) return false;
  if (quoted) return true;
  // "victim blaming language that implies … putting themselves at risk must be avoided".
  if (CRITICISM.test(sentence)) return true;
  return INTRODUCER.test(before);
}

// A sentence that looks back at the wording just used: "The use of such inappropriate language …".
const CRITICISES_PREVIOUS =
  /^\W*(?:the\s+use\s+of\s+)?(?:such|this|that|these|those)\s+(?:\p{L}+\s+){0,2}?(?:language|phrases?|phrasing|terms?|terminology|wording|words|labels?|descriptions?)(?![\p{L}])/iu;

/** Whether a sentence opens by criticising the wording of the sentence before it. */
export function criticisesPreviousSentence(nextSentence: string): boolean {
  return CRITICISES_PREVIOUS.test(nextSentence);
}

const NEGATION = /(?<![\p{L}])(?:not|never|no|nor|neither|without|cannot|n['’]t)(?![\p{L}])|n['’]t(?![\p{L}])/iu;

/** A negation among the last three words before the match. */
// Where a clause starts: a negation before it belongs to another clause ("was not considered
// although he was living with …").
const CLAUSE_START = /^(?:[\s\S]*(?:[,;:(]|(?<![\p{L}])(?:although|though|but|because|while|whilst|whereas|since|unless|and|or|so)(?![\p{L}])))/iu;

export function negatedBefore(before: string): boolean {
  const clause = before.replace(CLAUSE_START, '');
  const words = clause.trimEnd().split(/\s+/).slice(-3).join(' ');
  return NEGATION.test(words);
}

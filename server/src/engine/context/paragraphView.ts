// What the context says about a candidate match in one paragraph: quotation, reporting frames,
// talk about language, negation, subject, age. Facts are computed lazily and shared by all the
// candidates (phrase matches and record checks) in the paragraph.
import type { CompiledEntry } from '../lexicon';
import type { TextTest } from '../linearRegex';
import type { CompiledPattern } from '../patterns';
import { forMatching } from '../patterns';
import type { WordModel } from '../wordModel';
import { firstSpanFrom, firstStartingFrom, sentenceSpans, spanContaining, within, type Span } from '../text';
import { skipsNegated, type CategoryId, type Profile } from '../types';
import { ageMentions, describesAdult, type AgeMention } from './age';
import { aboutPeopleInGeneral, nearestRefBefore, personRefs, possessorAt, subjectAt, withAgePeople, type PeopleTable, type PersonRef } from './people';
import { markPeople, slotPeople, type SlotPerson } from './slots';
import { negatedBefore, quoteAt, quoteSpans, speechVerbAfter, speechVerbBefore, type QuoteSpan } from './quotes';
import { decideFrame, type CompiledFrameRow, type FrameFacts, type Speaker } from './frames';
import { decideAge, type AgeRow } from './ageRules';

/** The document-wide context every paragraph is judged in. */
export interface DocumentContext {
  profile: Profile;
  childAge?: number;
  attendanceAge: number;
  people: PeopleTable;
  /** What the lexicon's word model says of names and other words. */
  words: WordModel;
  /** What the document calls the child ("Amira"), when it says. */
  childName?: string;
  allow: string[];
  isEnabled: (id: string) => boolean;
  /** The frames table (lexicon/context.yaml): is wording the writer's own? */
  frames: readonly CompiledFrameRow[];
  /** The ages table (lexicon/context.yaml): how old is the person a phrase is about? */
  ageRows: readonly AgeRow[];
}

export interface Candidate {
  entry: CompiledEntry;
  pattern: CompiledPattern;
  start: number;
  end: number;
  focusStart: number;
  focusEnd: number;
}

const framesByProfile = new WeakMap<readonly CompiledFrameRow[], Map<Profile, CompiledFrameRow[]>>();
/** The rows of the frames table that hold in a profile (most candidates are tested against every row). */
function framesForProfile(rows: readonly CompiledFrameRow[], profile: Profile): readonly CompiledFrameRow[] {
  let byProfile = framesByProfile.get(rows);
  if (!byProfile) framesByProfile.set(rows, (byProfile = new Map()));
  let list = byProfile.get(profile);
  if (!list) byProfile.set(profile, (list = rows.filter((r) => r.row.enabled !== false && (!r.row.profiles || r.row.profiles.includes(profile)))));
  return list;
}

const viewsByContext = new WeakMap<DocumentContext, Map<string, ParagraphView>>();

/** Lazily computed facts about a paragraph, shared by the context checks of all its candidates. */
export class ParagraphView {
  /**
   * The view of `text` in this document context, shared by the phrase matcher and every record
   * check in one analysis, so sentences, quotes and people are found once per paragraph.
   */
  static of(text: string, ctx: DocumentContext, tableHeader?: string): ParagraphView {
    let views = viewsByContext.get(ctx);
    if (!views) viewsByContext.set(ctx, (views = new Map()));
    const key = tableHeader === undefined ? text : `${tableHeader}\u0000${text}`;
    let view = views.get(key);
    if (!view) views.set(key, (view = new ParagraphView(text, ctx, tableHeader)));
    return view;
  }

  private _sentences?: Span[];
  private _quotes?: QuoteSpan[];
  private _refs?: PersonRef[];
  private _ages?: AgeMention[];
  private _lower?: string;
  private _slotPeople?: SlotPerson[];
  private _slotted?: string;
  constructor(
    readonly text: string,
    readonly ctx: DocumentContext,
    /** For a table row, the table's first row. */
    readonly tableHeader?: string,
  ) {}
  /** The paragraph lowered for the lexicon's patterns (`forMatching`: same length and offsets). */
  get lower(): string {
    return (this._lower ??= forMatching(this.text));
  }
  get sentences(): Span[] {
    return (this._sentences ??= sentenceSpans(this.text));
  }
  get quotes(): QuoteSpan[] {
    return (this._quotes ??= quoteSpans(this.text));
  }
  get refs(): PersonRef[] {
    return (this._refs ??= withAgePeople(personRefs(this.text, this.ctx.people, this.ctx.words, this.lower), this.text, this.ages));
  }
  get ages(): AgeMention[] {
    return (this._ages ??= ageMentions(this.text));
  }
  /** Every person mentioned, typed for person slots (context/slots.ts). */
  get slotPeople(): SlotPerson[] {
    return (this._slotPeople ??= slotPeople(this.text, this.refs, this.ages, this.ctx.childName));
  }
  /** The lowered paragraph with people marked: what patterns with a person slot run on. */
  get slotted(): string {
    return (this._slotted ??= markPeople(this.lower, this.slotPeople));
  }

  /** Whether the candidate should be reported, given quotation, framing, subject, age and conditions. */
  allows(c: Candidate): boolean {
    const { entry } = c.entry;
    const cond = entry.conditions ?? {};
    const { ctx, text } = this;
    if (cond.profiles && !cond.profiles.includes(ctx.profile)) return false;
    if (this.isAllowedPhrase(c)) return false;

    // Cheapest first: the paragraph, then the sentence, then quotation and framing (which need
    // the quotes of the paragraph), then people and ages.
    if (c.entry.requireInParagraph.length > 0 && !c.entry.requireInParagraph.some((re) => this.paragraphTest(re))) return false;
    const sentence = spanContaining(this.sentences, c.start);
    const before = text.slice(sentence.start, c.start);
    const after = text.slice(c.end, sentence.end);
    const sentenceText = text.slice(sentence.start, sentence.end);

    // A negation just before the words ("is not streetwise") is the writer saying the opposite:
    // on by default for judgements about people; off for jargon, attendance and vague wording,
    // where "no unsupervised contact" is still jargon. `skipNegated` in an entry decides for it.
    if (skipsNegated(entry.category, cond.skipNegated) && negatedBefore(before)) return false;
    if (c.entry.notBefore.some((re) => re.test(before))) return false;
    if (c.entry.notAfter.some((re) => re.test(after))) return false;
    if (c.entry.requireInSentence.length > 0 && !c.entry.requireInSentence.some((re) => re.test(sentenceText))) return false;
    if (c.entry.notInSentence.some((re) => re.test(sentenceText))) return false;
    if (!this.framingAllows(c.focusStart, c.focusEnd, entry.category, entry.id)) return false;

    // A construction that starts with a person slot names its own subject, already typed.
    if (cond.subject && cond.subject !== 'any' && !c.pattern.startsWithSlot) {
      // "his poor engagement": a possessive right before the words says whose they are.
      const subject = possessorAt(this.refs, this.text, c.start) ?? subjectAt(this.refs, sentence, c.start, this.text);
      if (cond.subject === 'not-child') {
        if (subject === 'child') return false;
      } else {
        if (subject === 'professional') return false;
        if (cond.subject === 'child' && subject === 'adult') return false;
      }
    }

    if (cond.age && cond.age !== 'any') {
      const age = this.personAge(c, sentence, !!cond.adultNearby);
      // An unknown age fires only for `not-adult`; every other age condition needs the age.
      if (age === undefined) {
        if (cond.age !== 'not-adult') return false;
      } else {
        const limit = cond.age === 'child' || cond.age === 'not-adult' ? 18 : cond.age === 'under-13' ? 13 : ctx.attendanceAge;
        if (age >= limit) return false;
      }
    }

    if (cond.childInvolved) {
      const named = within(this.refs, sentence.start, sentence.end).filter((r) => !r.pronoun);
      const child = named.some((r) => r.kind === 'child') || within(this.ages, sentence.start, sentence.end).some((m) => m.age < 18);
      // With no child named, the document's child may be one of the people the document does not
      // place ("Mr Lowe and Kayla"), unless everyone in the sentence is a known adult.
      const unplaced = named.some((r) => r.kind === 'unknown');
      const adult = named.some((r) => r.kind === 'adult');
      if (!child && (ctx.childAge === undefined || ctx.childAge >= 18 || (adult && !unplaced))) return false;
    }

    if (cond.adultNearby) {
      const next = firstSpanFrom(this.sentences, sentence.end);
      const windowEnd = next ? next.end : sentence.end;
      const windowText = text.slice(sentence.start, windowEnd);
      const windowAges = within(this.ages, sentence.start, windowEnd);
      // An adult the document has named with an age ("Jay Carter, aged 24", earlier on), or by title.
      const namedAdult = within(this.refs, sentence.start, windowEnd).some(
        (r) => !r.pronoun && ((r.name && (ctx.people.get(r.name) ?? 0) >= 18) || /^(?:Mr|Mrs|Ms|Miss)\b/.test(r.text)),
      );
      if (!namedAdult && !describesAdult(windowText, windowAges)) return false;
    }
    return true;
  }


  /**
   * Whether wording at [start, end) is the writer's own: false when a row of the frames table
   * (lexicon/context.yaml) decides it is someone's recorded words, wording a review reports in
   * order to examine it, talk about the language itself, or a question or accusation reported.
   */
  framingAllows(start: number, end: number, category?: CategoryId, ruleId?: string): boolean {
    return this.frameDecision(start, end, category, ruleId)?.row.decision !== 'pass';
  }

  /** The frames-table row that decides for wording at [start, end), if any. */
  frameDecision(start: number, end: number, category?: CategoryId, ruleId?: string, rows = framesForProfile(this.ctx.frames, this.ctx.profile)): CompiledFrameRow | undefined {
    return decideFrame(rows, this.frameFacts(start, end, category, ruleId));
  }

  /** What the frames table is tested against, for wording at [start, end). */
  frameFacts(start: number, end: number, category?: CategoryId, ruleId?: string): FrameFacts {
    const { text } = this;
    const sentence = spanContaining(this.sentences, start);
    const quote = quoteAt(this.quotes, start, end);
    let before: string;
    let after: string;
    let speechFrom: number;
    let speechSentence: Span;
    if (quote) {
      // For quoted words the frame is around the quotation, which may start in an earlier sentence.
      const quoteSentence = spanContaining(this.sentences, quote.start);
      speechFrom = Math.min(quoteSentence.start, sentence.start);
      speechSentence = quoteSentence;
      before = text.slice(speechFrom, quote.start);
      after = text.slice(quote.end, Math.max(spanContaining(this.sentences, Math.max(quote.end - 1, 0)).end, quote.end));
    } else {
      speechFrom = sentence.start;
      speechSentence = sentence;
      before = text.slice(sentence.start, start);
      after = text.slice(end, sentence.end);
    }
    // Several rows may ask the same question of one candidate: each answer is worked out once.
    let speakerBefore: Speaker | undefined | null = null;
    let speakerAfter: Speaker | undefined | null = null;
    let generic: boolean | undefined;
    return {
      profile: this.ctx.profile,
      category,
      ruleId,
      quoted: !!quote,
      before,
      after,
      sentence: text.slice(sentence.start, sentence.end),
      paragraph: text,
      tableHeader: this.tableHeader,
      sentenceTests: this.sentenceTests(sentence.start),
      paragraphTests: this.paragraphTests,
      nextSentence: () => {
        const next = firstSpanFrom(this.sentences, sentence.end);
        return next ? text.slice(next.start, next.end) : '';
      },
      speakerBefore: () => {
        if (speakerBefore === null) {
          const at = speechVerbBefore(before);
          speakerBefore = at < 0 ? undefined : subjectAt(this.refs, speechSentence, speechFrom + at, text);
        }
        return speakerBefore;
      },
      speakerAfter: () => {
        if (speakerAfter === null) speakerAfter = quote && speechVerbAfter(after) ? this.speakerAfter(quote.end) : undefined;
        return speakerAfter;
      },
      generic: () => (generic ??= aboutPeopleInGeneral(this.refs, text, sentence, start, end)),
    };
  }

  /** Answers to regexes about the whole paragraph, shared by all its candidates (a paragraph regex per candidate was quadratic). */
  private readonly paragraphTests = new Map<TextTest, boolean>();
  private paragraphTest(re: TextTest): boolean {
    let answer = this.paragraphTests.get(re);
    if (answer === undefined) this.paragraphTests.set(re, (answer = re.test(this.text)));
    return answer;
  }
  private readonly sentenceTestMemo = new Map<number, Map<TextTest, boolean>>();
  /** Answers to regexes about the whole sentence starting at `start`, shared by its candidates. */
  private sentenceTests(start: number): Map<TextTest, boolean> {
    let memo = this.sentenceTestMemo.get(start);
    if (!memo) this.sentenceTestMemo.set(start, (memo = new Map()));
    return memo;
  }

  /** The speaker named after a quote: `"…," she said` / `"…" Mum told me`. */
  private speakerAfter(quoteEnd: number): ReturnType<typeof subjectAt> {
    const ref = this.refs[firstStartingFrom(this.refs, quoteEnd)];
    if (!ref || ref.start - quoteEnd > 40) return 'none';
    if (!ref.pronoun) return ref.kind;
    return subjectAt(this.refs, { start: 0, end: ref.end }, ref.end, this.text);
  }

  /** The age of the person a candidate is about, by the ages table; undefined when unknown. */
  private personAge(c: Candidate, sentence: Span, adultNearby: boolean): number | undefined {
    return this.ageDecision(c.start, c.end, sentence, adultNearby).age;
  }

  /** The ages-table row that decides the age of the person at [start, end), and the age. */
  ageDecision(start: number, end: number, sentence = spanContaining(this.sentences, start), adultNearby = false, rows = this.ctx.ageRows): ReturnType<typeof decideAge> {
    const { ctx } = this;
    return decideAge(rows, { text: this.text, sentence, start, end, refs: this.refs, ages: this.ages, people: ctx.people, childAge: ctx.childAge, adultNearby });
  }

  private isAllowedPhrase(c: Candidate): boolean {
    if (this.ctx.allow.length === 0) return false;
    const lower = this.text.toLowerCase();
    return this.ctx.allow.some((phrase) => {
      for (let i = lower.indexOf(phrase); i >= 0; i = lower.indexOf(phrase, i + 1)) {
        if (i < c.end && i + phrase.length > c.start) return true;
      }
      return false;
    });
  }
}

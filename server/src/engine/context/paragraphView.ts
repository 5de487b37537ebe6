// What the context says about a candidate match in one paragraph: quotation, reporting frames,
// talk about language, negation, subject, age. Facts are computed lazily and shared by all the
// candidates (phrase matches and record checks) in the paragraph.
import type { CompiledEntry } from '../lexicon';
import { forMatching } from '../patterns';
import type { WordModel } from '../wordModel';
import { sentenceSpans, spanContaining, type Span } from '../text';
import type { Profile } from '../types';
import { ageMentions, describesAdult, type AgeMention } from './age';
import { nearestRefBefore, personRefs, possessorAt, subjectAt, type PeopleTable, type PersonRef } from './people';
import { markPeople, slotPeople, type SlotPerson } from './slots';
import {
  criticisesPreviousSentence,
  hasReportingFrame,
  inTheirOwnWords,
  isTalkAboutLanguage,
  negatedBefore,
  quoteAt,
  quoteSpans,
  speechVerbAfter,
  speechVerbBefore,
  type QuoteSpan,
} from './quotes';

const NEW_PERSON_BEFORE =
  /(?<![\p{L}])(?<!(?:is|was|are|were|be|been|being|seems?|seemed|appears?|appeared|as|become|becomes|became|like|into)\s+)(?:a|an|another|one)\s+(?:[\p{L}-]+\s+)?$/iu;

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
}

export interface Candidate {
  entry: CompiledEntry;
  start: number;
  end: number;
  focusStart: number;
  focusEnd: number;
}

const viewsByContext = new WeakMap<DocumentContext, Map<string, ParagraphView>>();

/** Lazily computed facts about a paragraph, shared by the context checks of all its candidates. */
export class ParagraphView {
  /**
   * The view of `text` in this document context, shared by the phrase matcher and every record
   * check in one analysis, so sentences, quotes and people are found once per paragraph.
   */
  static of(text: string, ctx: DocumentContext): ParagraphView {
    let views = viewsByContext.get(ctx);
    if (!views) viewsByContext.set(ctx, (views = new Map()));
    let view = views.get(text);
    if (!view) views.set(text, (view = new ParagraphView(text, ctx)));
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
    return (this._refs ??= personRefs(this.text, this.ctx.people, this.ctx.words, this.lower));
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

    if (!this.framingAllows(c.focusStart, c.focusEnd)) return false;
    const sentence = spanContaining(this.sentences, c.start);
    const before = text.slice(sentence.start, c.start);
    const after = text.slice(c.end, sentence.end);
    const sentenceText = text.slice(sentence.start, sentence.end);

    if (cond.skipNegated && negatedBefore(before)) return false;
    if (c.entry.notBefore.some((re) => re.test(before))) return false;
    if (c.entry.notAfter.some((re) => re.test(after))) return false;
    if (c.entry.requireInSentence.length > 0 && !c.entry.requireInSentence.some((re) => re.test(sentenceText))) return false;

    if (cond.subject === 'not-professional' || cond.subject === 'child') {
      const subject = subjectAt(this.refs, sentence, c.start, this.text);
      if (subject === 'professional') return false;
      if (cond.subject === 'child' && subject === 'adult') return false;
    }

    if (cond.age && cond.age !== 'any') {
      const age = this.personAge(c, sentence, !!cond.adultNearby);
      if (age === undefined) return false;
      const limit = cond.age === 'child' ? 18 : cond.age === 'under-13' ? 13 : ctx.attendanceAge;
      if (age >= limit) return false;
    }

    if (cond.adultNearby) {
      const next = this.sentences.find((s) => s.start >= sentence.end);
      const windowEnd = next ? next.end : sentence.end;
      const windowText = text.slice(sentence.start, windowEnd);
      const windowAges = this.ages.filter((m) => m.start >= sentence.start && m.end <= windowEnd);
      // An adult the document has named with an age ("Jay Carter, aged 24", earlier on), or by title.
      const namedAdult = this.refs.some(
        (r) => r.start >= sentence.start && r.end <= windowEnd && !r.pronoun && ((r.name && (ctx.people.get(r.name) ?? 0) >= 18) || /^(?:Mr|Mrs|Ms|Miss)\b/.test(r.text)),
      );
      if (!namedAdult && !describesAdult(windowText, windowAges)) return false;
    }
    return true;
  }


  /**
   * Whether wording at [start, end) is the writer's own: false when it is someone's recorded
   * words (quoted or reported speech), wording a review reports in order to examine it, or talk
   * about the language itself.
   */
  framingAllows(start: number, end: number): boolean {
    const { ctx, text } = this;
    const sentence = spanContaining(this.sentences, start);
    const before = text.slice(sentence.start, start);
    const sentenceText = text.slice(sentence.start, sentence.end);

    // In a review, the next sentence may judge this one's wording ("The use of such language …").
    if (ctx.profile === 'review') {
      const next = this.sentences.find((s) => s.start >= sentence.end);
      if (next && criticisesPreviousSentence(text.slice(next.start, next.end))) return false;
    }

    const quote = quoteAt(this.quotes, start, end);
    if (quote) {
      const quoteSentence = spanContaining(this.sentences, quote.start);
      const beforeQuote = text.slice(Math.min(quoteSentence.start, sentence.start), quote.start);
      const afterQuote = text.slice(quote.end, Math.max(spanContaining(this.sentences, Math.max(quote.end - 1, 0)).end, quote.end));
      const speechAt = speechVerbBefore(beforeQuote);
      if (speechAt >= 0 || speechVerbAfter(afterQuote)) {
        const speaker =
          speechAt >= 0
            ? subjectAt(this.refs, quoteSentence, Math.min(quoteSentence.start, sentence.start) + speechAt, this.text)
            : this.speakerAfter(quote.end);
        // Someone's own words, recorded verbatim: never corrected. A professional's words quoted
        // in a review are reported in order to be examined.
        if (speaker !== 'professional') return false;
        if (ctx.profile === 'review') return false;
      } else if (ctx.profile === 'review' && hasReportingFrame(beforeQuote)) {
        return false;
      }
      if (isTalkAboutLanguage(sentenceText, before, true)) return false;
    } else {
      if (isTalkAboutLanguage(sentenceText, before, false)) return false;
      if (ctx.profile === 'review' && hasReportingFrame(before)) return false;
      // "In her own words, …" introduces the person's account. Other reported speech ("she said
      // she had chosen to …") is the writer's paraphrase, held to the same standard as narrative —
      // except in a review, which narrates what people said in order to examine it.
      if (inTheirOwnWords(before)) return false;
      if (ctx.profile === 'review' && speechVerbBefore(before) >= 0) return false;
      // "… was viewed as her own choice, as opposed to …": the review contrasts the framing it reports.
      if (ctx.profile === 'review' && /^[^.;]*?(?<![\p{L}])(?:as\s+opposed\s+to|rather\s+than|instead\s+of)(?![\p{L}])/iu.test(text.slice(end, sentence.end))) return false;
    }

    return true;
  }

  /** The speaker named after a quote: `"…," she said` / `"…" Mum told me`. */
  private speakerAfter(quoteEnd: number): ReturnType<typeof subjectAt> {
    const ref = this.refs.find((r) => r.start >= quoteEnd);
    if (!ref || ref.start - quoteEnd > 40) return 'none';
    if (!ref.pronoun) return ref.kind;
    return subjectAt(this.refs, { start: 0, end: ref.end }, ref.end, this.text);
  }

  /**
   * The age of the person a candidate is about: an age written next to it ("a 23-year-old young
   * man"), an adult named just before it, the named child's own age, or the child's age.
   */
  private personAge(c: Candidate, sentence: Span, adultNearby: boolean): number | undefined {
    // "A young woman answered the door": an indefinite noun phrase brings in someone new, whose age
    // the document has not given; after a copula ("Amira is a young woman") it describes the subject.
    const namesAPerson = this.refs.some((r) => r.start >= c.start && r.end <= c.end);
    if (!adultNearby && namesAPerson && NEW_PERSON_BEFORE.test(this.text.slice(sentence.start, c.start))) return undefined;
    if (!adultNearby) {
      let best: AgeMention | undefined;
      let bestDistance = 50;
      for (const m of this.ages) {
        if (m.start < sentence.start || m.end > sentence.end) continue;
        const distance = m.end <= c.start ? c.start - m.end : m.start >= c.end ? m.start - c.end : 0;
        if (distance < bestDistance) {
          best = m;
          bestDistance = distance;
        }
      }
      if (best) return best.age;
      const ref = nearestRefBefore(this.refs, sentence, c.start);
      if (ref && !ref.pronoun && ref.kind === 'adult' && c.start - ref.end < 40) return 18;
    }
    // The person the clause is about, with pronouns resolved: an adult is not a child, whatever
    // the document's child's age ("Mum, aged 32, said she …").
    if (subjectAt(this.refs, sentence, c.start, this.text) === 'adult') return 18;
    // "her partner" where "her" is the child's mother: the partner is not the child's.
    if (possessorAt(this.refs, this.text, c.start) === 'adult') return 18;
    const subjectRef = nearestRefBefore(this.refs, sentence, c.start);
    if (subjectRef?.name && this.ctx.people.has(subjectRef.name)) {
      const age = this.ctx.people.get(subjectRef.name)!;
      if (age < 18 || !adultNearby) return age;
    }
    return this.ctx.childAge;
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

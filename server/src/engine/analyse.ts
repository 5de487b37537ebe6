// The engine's entry point: text in, findings out. Pure: no file system, no editor.
//
// Work per call: segment the document (cheap regexes), read the document-wide context (front
// matter, ages, names), then for each paragraph either reuse cached matches (same text, same
// context) or run the prefiltered matcher and the context checks on it. compromise runs only on
// paragraphs where a lexicon pattern matched.
import { ageMentions, describesAdult, inferChildAge, peopleTable, type AgeMention } from './context/age';
import { nearestRefBefore, personRefs, subjectAt, type PeopleTable, type PersonRef } from './context/people';
import {
  hasReportingFrame,
  inTheirOwnWords,
  isTalkAboutLanguage,
  lastSpeechVerb,
  negatedBefore,
  quoteAt,
  quoteSpans,
  speechVerbAfter,
  speechVerbBefore,
  type QuoteSpan,
} from './context/quotes';
import { simpleHash, type CompiledEntry, type CompiledLexicon } from './lexicon';
import { wordTokens } from './patterns';
import { runRecordChecks } from './checks';
import { segment, type Directive, type Paragraph } from './segment';
import { LineIndex, sentenceSpans, spanContaining, type Span } from './text';
import {
  PROFILES,
  type AnalyseOptions,
  type AnalysisResult,
  type Finding,
  type HeardConfig,
  type Profile,
  type Severity,
  type SuppressedFinding,
} from './types';

/** A match that survived the context checks, relative to its paragraph. */
export interface RawMatch {
  ruleId: string;
  start: number;
  end: number;
  /** Replacements that depend on the match (record checks); lexicon matches use the entry's rewrites. */
  suggestions?: string[];
  /** A message that depends on the match (record checks). */
  message?: string;
}

/** Bounded cache of paragraph results, keyed by paragraph text and document context. */
export class AnalysisCache {
  private readonly map = new Map<string, RawMatch[]>();
  hits = 0;
  misses = 0;
  constructor(private readonly limit = 20000) {}
  get(key: string): RawMatch[] | undefined {
    const v = this.map.get(key);
    if (v) {
      this.hits++;
      // Refresh recency: Map keeps insertion order, so re-insert.
      this.map.delete(key);
      this.map.set(key, v);
    } else {
      this.misses++;
    }
    return v;
  }
  set(key: string, value: RawMatch[]): void {
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}

export interface AnalyseInput extends AnalyseOptions {
  lexicon: CompiledLexicon;
  cache?: AnalysisCache;
}

/** The document-wide context every paragraph is judged in. */
export interface DocumentContext {
  profile: Profile;
  childAge?: number;
  attendanceAge: number;
  people: PeopleTable;
  allow: string[];
  isEnabled: (id: string) => boolean;
}

interface ResolvedRule {
  enabled: boolean;
  severity: Severity;
}

const ruleMemo = new WeakMap<CompiledLexicon, WeakMap<object, Map<string, ResolvedRule>>>();
const NO_CONFIG = {};

/** Effective on/off and severity of every entry under a configuration (memoised per config object). */
export function resolveRules(lexicon: CompiledLexicon, config: HeardConfig | undefined): Map<string, ResolvedRule> {
  const key = config ?? NO_CONFIG;
  let perLexicon = ruleMemo.get(lexicon);
  if (!perLexicon) ruleMemo.set(lexicon, (perLexicon = new WeakMap()));
  const cached = perLexicon.get(key);
  if (cached) return cached;
  const resolved = new Map<string, ResolvedRule>();
  for (const { entry } of lexicon.entries) resolved.set(entry.id, resolveRule(entry.id, entry.category, entry.severity, entry.enabled !== false, config));
  perLexicon.set(key, resolved);
  return resolved;
}

export function resolveRule(id: string, category: string, severity: Severity, enabledByDefault: boolean, config?: HeardConfig): ResolvedRule {
  const byRule = config?.rules?.[id];
  const byCategory = config?.categories?.[category as keyof NonNullable<HeardConfig['categories']>];
  if (byRule === 'off') return { enabled: false, severity };
  if (byRule === 'on') return { enabled: true, severity: byCategory && byCategory !== 'off' ? byCategory : severity };
  if (byRule) return { enabled: true, severity: byRule };
  if (byCategory === 'off') return { enabled: false, severity };
  if (byCategory) return { enabled: enabledByDefault, severity: byCategory };
  return { enabled: enabledByDefault, severity };
}

function frontMatterValue(data: Record<string, unknown> | undefined, ...keys: string[]): unknown {
  if (!data) return undefined;
  for (const k of keys) if (data[k] !== undefined) return data[k];
  return undefined;
}

export function analyse(text: string, input: AnalyseInput): AnalysisResult {
  const format = input.format ?? 'markdown';
  const config = input.config;
  const seg = segment(text, format);
  const fm = seg.frontMatter?.data;

  const fmProfile = frontMatterValue(fm, 'profile', 'heard-profile');
  const profile: Profile =
    typeof fmProfile === 'string' && (PROFILES as readonly string[]).includes(fmProfile)
      ? (fmProfile as Profile)
      : input.profile ?? config?.profile ?? 'case-note';

  const mentions = ageMentions(seg.masked);
  const fmAge = Number(frontMatterValue(fm, 'child-age', 'childAge', 'age'));
  let childAge: number | undefined;
  let childAgeSource: AnalysisResult['childAgeSource'];
  if (Number.isFinite(fmAge) && frontMatterValue(fm, 'child-age', 'childAge', 'age') !== null) {
    childAge = fmAge;
    childAgeSource = 'front-matter';
  } else if (input.childAge !== undefined || config?.childAge !== undefined) {
    childAge = input.childAge ?? config?.childAge;
    childAgeSource = 'config';
  } else {
    childAge = inferChildAge(mentions);
    childAgeSource = childAge === undefined ? undefined : 'text';
  }

  const rules = resolveRules(input.lexicon, config);
  const ctx: DocumentContext = {
    profile,
    childAge,
    attendanceAge: config?.attendanceAge ?? 16,
    people: peopleTable(mentions),
    allow: (config?.allow ?? []).map((a) => a.toLowerCase()).filter(Boolean),
    isEnabled: (id) => rules.get(id)?.enabled ?? false,
  };
  const enabledSignature = [...rules].filter(([, r]) => r.enabled).length;
  const contextKey = simpleHash(
    [
      input.lexicon.signature,
      profile,
      childAge,
      ctx.attendanceAge,
      [...ctx.people].join(';'),
      ctx.allow.join('|'),
      enabledSignature,
      config?.rules ? JSON.stringify(config.rules) : '',
      config?.categories ? JSON.stringify(config.categories) : '',
    ].join('\u0001'),
  );

  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const addFinding = (ruleId: string, start: number, end: number, extra?: RawMatch) => {
    const compiled = input.lexicon.byId.get(ruleId);
    const rule = rules.get(ruleId);
    if (!compiled || !rule) return;
    const matched = text.slice(start, end);
    findings.push({
      ruleId,
      category: compiled.entry.category,
      severity: rule.severity,
      message: extra?.message ?? compiled.entry.message,
      why: compiled.entry.why,
      offset: start,
      length: end - start,
      start: lines.positionAt(start),
      end: lines.positionAt(end),
      text: matched,
      suggestions: (extra?.suggestions ?? compiled.entry.rewrites).map((r) => matchCase(r, matched)),
      sources: compiled.entry.sources,
    });
  };

  for (const paragraph of seg.paragraphs) {
    const key = `${contextKey}\u0000${paragraph.text}`;
    let matches = input.cache?.get(key);
    if (!matches) {
      matches = matchParagraph(paragraph, input.lexicon, ctx);
      input.cache?.set(key, matches);
    }
    for (const m of matches) addFinding(m.ruleId, paragraph.start + m.start, paragraph.start + m.end);
  }

  for (const m of runRecordChecks(seg, text, ctx, input.lexicon, config, input.cache)) {
    addFinding(m.ruleId, m.start, m.end, m);
  }

  findings.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
  const { kept, suppressed } = applyDirectives(findings, seg.directives, input.lexicon);
  return { findings: kept, suppressed, profile, childAge, childAgeSource };
}

/** Capitalise a rewrite when the text it replaces starts a sentence with a capital. */
function matchCase(rewrite: string, matched: string): string {
  if (/^\p{Lu}/u.test(matched) && /^\p{Ll}/u.test(rewrite)) return rewrite[0].toUpperCase() + rewrite.slice(1);
  return rewrite;
}

interface Candidate {
  entry: CompiledEntry;
  start: number;
  end: number;
  focusStart: number;
  focusEnd: number;
}

/** Runs the prefiltered patterns over one paragraph and keeps the matches the context allows. */
export function matchParagraph(paragraph: Paragraph, lexicon: CompiledLexicon, ctx: DocumentContext): RawMatch[] {
  const text = paragraph.text;
  const candidates: Candidate[] = [];
  const tryPattern = (entry: CompiledEntry, regex: RegExp, offset: number) => {
    if (!ctx.isEnabled(entry.entry.id)) return;
    regex.lastIndex = offset;
    const m = regex.exec(text);
    if (!m) return;
    const focus = m.groups?.focus;
    let focusStart = m.index;
    let focusEnd = m.index + m[0].length;
    if (focus !== undefined) {
      const indices = (m as RegExpExecArray & { indices?: { groups?: Record<string, [number, number]> } }).indices;
      const at = indices?.groups?.focus ?? [m.index + m[0].indexOf(focus), m.index + m[0].indexOf(focus) + focus.length];
      [focusStart, focusEnd] = at;
    }
    candidates.push({ entry, start: m.index, end: m.index + m[0].length, focusStart, focusEnd });
  };
  for (const { token, offset } of wordTokens(text)) {
    const refs = lexicon.byFirstToken.get(token);
    if (refs) for (const ref of refs) tryPattern(ref.entry, ref.pattern.regex, offset);
    for (const ref of lexicon.anyStart) tryPattern(ref.entry, ref.pattern.regex, offset);
  }
  if (candidates.length === 0) return [];

  const view = new ParagraphView(text, ctx);
  const kept: RawMatch[] = [];
  candidates.sort((a, b) => a.focusStart - b.focusStart || b.focusEnd - a.focusEnd);
  for (const c of candidates) {
    // One finding per entry per place: drop a candidate overlapping a kept one of the same entry.
    if (kept.some((k) => k.ruleId === c.entry.entry.id && c.focusStart < k.end && c.focusEnd > k.start)) continue;
    if (view.allows(c)) kept.push({ ruleId: c.entry.entry.id, start: c.focusStart, end: c.focusEnd });
  }
  return kept;
}

/** Lazily computed facts about a paragraph, shared by the context checks of all its candidates. */
class ParagraphView {
  private _sentences?: Span[];
  private _quotes?: QuoteSpan[];
  private _refs?: PersonRef[];
  private _ages?: AgeMention[];
  constructor(
    readonly text: string,
    readonly ctx: DocumentContext,
  ) {}
  get sentences(): Span[] {
    return (this._sentences ??= sentenceSpans(this.text));
  }
  get quotes(): QuoteSpan[] {
    return (this._quotes ??= quoteSpans(this.text));
  }
  get refs(): PersonRef[] {
    return (this._refs ??= personRefs(this.text, this.ctx.people));
  }
  get ages(): AgeMention[] {
    return (this._ages ??= ageMentions(this.text));
  }

  /** Whether the candidate should be reported, given quotation, framing, subject, age and conditions. */
  allows(c: Candidate): boolean {
    const { entry } = c.entry;
    const cond = entry.conditions ?? {};
    const { ctx, text } = this;
    if (cond.profiles && !cond.profiles.includes(ctx.profile)) return false;
    if (this.isAllowedPhrase(c)) return false;

    const sentence = spanContaining(this.sentences, c.start);
    const before = text.slice(sentence.start, c.start);
    const after = text.slice(c.end, sentence.end);
    const sentenceText = text.slice(sentence.start, sentence.end);

    const quote = quoteAt(this.quotes, c.focusStart, c.focusEnd);
    if (quote) {
      const quoteSentence = spanContaining(this.sentences, quote.start);
      const beforeQuote = text.slice(Math.min(quoteSentence.start, sentence.start), quote.start);
      const afterQuote = text.slice(quote.end, Math.max(spanContaining(this.sentences, Math.max(quote.end - 1, 0)).end, quote.end));
      const speechAt = speechVerbBefore(beforeQuote);
      if (speechAt >= 0 || speechVerbAfter(afterQuote)) {
        const speaker =
          speechAt >= 0
            ? subjectAt(this.refs, quoteSentence, Math.min(quoteSentence.start, sentence.start) + speechAt)
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
      // Indirect speech: "she said she had chosen to …" reports what someone (not a professional) said.
      if (inTheirOwnWords(before)) return false;
      const speech = lastSpeechVerb(before);
      if (speech >= 0) {
        const speaker = subjectAt(this.refs, sentence, sentence.start + speech);
        if (speaker === 'child' || speaker === 'adult' || speaker === 'unknown') return false;
      }
    }

    if (cond.skipNegated && negatedBefore(before)) return false;
    if (c.entry.notBefore.some((re) => re.test(before))) return false;
    if (c.entry.notAfter.some((re) => re.test(after))) return false;
    if (c.entry.requireInSentence.length > 0 && !c.entry.requireInSentence.some((re) => re.test(sentenceText))) return false;

    if (cond.subject === 'not-professional' || cond.subject === 'child') {
      const subject = subjectAt(this.refs, sentence, c.start);
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
      if (!describesAdult(windowText, windowAges)) return false;
    }
    return true;
  }

  /** The speaker named after a quote: `"…," she said` / `"…" Mum told me`. */
  private speakerAfter(quoteEnd: number): ReturnType<typeof subjectAt> {
    const ref = this.refs.find((r) => r.start >= quoteEnd);
    if (!ref || ref.start - quoteEnd > 40) return 'none';
    if (!ref.pronoun) return ref.kind;
    const sentence = spanContaining(this.sentences, ref.start);
    return subjectAt(this.refs, { start: Math.min(sentence.start, 0), end: ref.end }, ref.end);
  }

  /**
   * The age of the person a candidate is about: an age written next to it ("a 23-year-old young
   * man"), an adult named just before it, the named child's own age, or the child's age.
   */
  private personAge(c: Candidate, sentence: Span, adultNearby: boolean): number | undefined {
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

function directiveCovers(d: Directive, finding: Finding): boolean {
  return d.rules.length === 0 || d.rules.includes(finding.ruleId) || d.rules.includes(finding.category);
}

/** Applies `heard-disable…` comments; every suppressed finding keeps the reason given. */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  lexicon: CompiledLexicon,
): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  void lexicon;
  if (directives.length === 0) return { kept: findings, suppressed: [] };
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    let by: Directive | undefined;
    // Block directives: the last disable/enable before the finding decides.
    let block: Directive | undefined;
    for (const d of directives) {
      if (d.offset > f.offset) break;
      if ((d.kind === 'disable' || d.kind === 'enable') && directiveCovers(d, f)) block = d;
    }
    if (block?.kind === 'disable') by = block;
    for (const d of directives) {
      if (by) break;
      if (!directiveCovers(d, f)) continue;
      if (d.kind === 'disable-file') by = d;
      else if (d.kind === 'disable-next-line' && f.start.line === d.endLine + 1) by = d;
      else if (d.kind === 'disable-line' && f.start.line >= d.line && f.start.line <= d.endLine) by = d;
    }
    if (by) suppressed.push({ finding: f, reason: by.reason, directiveLine: by.line });
    else kept.push(f);
  }
  return { kept, suppressed };
}

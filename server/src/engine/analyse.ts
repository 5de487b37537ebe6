// The engine's entry point: text in, findings out. Pure: no file system, no editor.
//
// Work per call: segment the document (cheap regexes), read the document-wide context (front
// matter, ages, names), then for each paragraph either reuse cached matches (same text, same
// context) or run the prefiltered matcher and the context checks on it. compromise runs only on
// paragraphs where a lexicon pattern matched.
import { ageMentions, inferChildAge, inferChildName, peopleTable, type AgeMention } from './context/age';
import { ParagraphView, type Candidate, type DocumentContext } from './context/paragraphView';
import { simpleHash, type CompiledLexicon, type PatternRef } from './lexicon';
export type { DocumentContext } from './context/paragraphView';
import { forMatching } from './patterns';
import { runRecordChecks } from './checks';
import { ownCopy, segment, type Directive, type Paragraph, type SegmentedDocument } from './segment';
import { splitRecords, type DocRecord } from './records';
import { namedAdults } from './context/people';
import { LineIndex } from './text';
import {
  PROFILES,
  type AnalyseOptions,
  type AnalysisResult,
  type Finding,
  type HeardConfig,
  type Profile,
  type Severity,
  type SeveritySetting,
  type SuppressedFinding,
} from './types';

/** Every age mention in the document, read per paragraph so an edit re-reads only its paragraph. */
function documentAgeMentions(seg: SegmentedDocument, cache: AnalysisCache | undefined): AgeMention[] {
  const out: AgeMention[] = [];
  for (const p of seg.paragraphs) {
    const mentions = cached(cache, 'ages', p.text, () => ageMentions(p.text));
    for (const m of mentions) out.push({ ...m, start: m.start + p.start, end: m.end + p.start });
  }
  return out;
}

/** Numbers the paragraphs the matcher scans (see `PatternRef.scan`). */
let scanNumber = 0;

/** No lexicon pattern matches more than this many characters before its anchor word. */
const MAX_MATCH_REACH = 300;

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

/**
 * What the engine may reuse between analyses of one document: results for paragraphs and records
 * whose text and context have not changed. Each analysis is a pass; at its end, entries the pass
 * did not use are dropped, so the cache holds the current document only and does not grow as the
 * text is edited.
 */
export class AnalysisCache {
  // scope (what kind of result, in which document context) → text → result. Two levels, so a
  // lookup never builds a key string holding the text.
  private readonly scopes = new Map<string, Map<string, { value: unknown; pass: number }>>();
  // Paragraph texts by content (see `canonical`).
  private readonly texts = new Map<string, { text: string; pass: number }>();
  private pass = 0;
  hits = 0;
  misses = 0;

  /**
   * The value stored for `text` in `scope`, or `compute()`'s, stored for later passes. `compute`
   * must return fresh objects: the cache makes their strings its own, in place (`ownStrings`).
   */
  memo<T>(scope: string, text: string, compute: () => T): T {
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    // The text itself is the key: V8 hashes a string once, natively, and compares keys with memcmp.
    const hit = entries.get(text);
    if (hit) {
      this.hits++;
      hit.pass = this.pass;
      return hit.value as T;
    }
    this.misses++;
    const value = compute();
    const key = this.texts.get(text)?.text === text ? text : ownCopy(text);
    entries.set(key, { value: ownStrings(value), pass: this.pass });
    return value;
  }

  /**
   * The cache's own copy of a paragraph's text. After an edit every paragraph is a new string;
   * swapping it for the copy kept from the last pass lets the lookups that follow in each scope
   * find their key by identity instead of comparing characters again.
   */
  canonical(text: string): string {
    const known = this.texts.get(text);
    if (known) {
      known.pass = this.pass;
      return known.text;
    }
    const own = ownCopy(text);
    this.texts.set(own, { text: own, pass: this.pass });
    return own;
  }

  /** Starts an analysis pass. */
  startPass(): void {
    this.pass++;
  }

  /** Ends a pass: forgets what it did not use (text that is gone, or a document left behind). */
  endPass(): void {
    for (const [scope, entries] of this.scopes) {
      for (const [key, entry] of entries) if (entry.pass !== this.pass) entries.delete(key);
      if (entries.size === 0) this.scopes.delete(scope);
    }
    for (const [key, entry] of this.texts) if (entry.pass !== this.pass) this.texts.delete(key);
  }

  get size(): number {
    let n = 0;
    for (const entries of this.scopes.values()) n += entries.size;
    return n;
  }
}

/**
 * Makes the strings of a value about to be cached own their characters, in place (a new object
 * would have a different hidden class from the ones the engine creates, and mixing the two makes
 * V8 deoptimise). Paragraph texts are slices of the whole document (copying every paragraph on
 * every keystroke would be the biggest allocation of an edit), so a name or a suggestion read from
 * one would otherwise keep that version of the document alive for as long as it stays cached.
 */
function ownStrings<T>(value: T): T {
  if (typeof value === 'string') return ownCopy(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = ownStrings(value[i]);
  } else if (value instanceof Map) {
    const entries = [...value];
    value.clear();
    for (const [k, v] of entries) value.set(ownStrings(k), ownStrings(v));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (v && (typeof v === 'string' || typeof v === 'object')) record[key] = ownStrings(v);
    }
  }
  return value;
}

/** Runs `compute` through the cache when there is one. */
export function cached<T>(cache: AnalysisCache | undefined, scope: string, text: string, compute: () => T): T {
  return cache ? cache.memo(scope, text, compute) : compute();
}

export interface AnalyseInput extends AnalyseOptions {
  lexicon: CompiledLexicon;
  cache?: AnalysisCache;
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
  for (const { entry } of lexicon.entries) {
    // A record check can also be switched by its check name: `checks: { child-voice: off }`.
    const byCheck = entry.check ? config?.checks?.[entry.check] : undefined;
    const effective =
      typeof byCheck === 'string' && config?.rules?.[entry.id] === undefined
        ? { ...config, rules: { ...config?.rules, [entry.id]: byCheck as SeveritySetting | 'on' } }
        : config;
    resolved.set(entry.id, resolveRule(entry.id, entry.category, entry.severity, entry.enabled !== false, effective));
  }
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

  if (input.cache) {
    input.cache.startPass();
    for (const p of seg.paragraphs) p.text = input.cache.canonical(p.text);
  }
  const mentions = documentAgeMentions(seg, input.cache);
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
    words: input.lexicon.words,
    childName: inferChildName(mentions),
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
      ctx.childName,
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
      suggestions: (extra?.suggestions ?? compiled.entry.rewrites).map((r) => matchCase(r, matched, SENTENCE_START_BEFORE.test(text.slice(Math.max(0, start - 8), start)))),
      sources: compiled.entry.sources,
    });
  };

  const scopes = input.cache ? new CacheScopes(input.cache, seg, ctx.people, contextKey) : undefined;

  for (const paragraph of seg.paragraphs) {
    const matches = input.cache
      ? input.cache.memo(scopes!.scope('p', paragraph.start, paragraph.end), paragraph.text, () => matchParagraph(paragraph, input.lexicon, ctx))
      : matchParagraph(paragraph, input.lexicon, ctx);
    for (const m of matches) addFinding(m.ruleId, paragraph.start + m.start, paragraph.start + m.end);
  }

  for (const m of runRecordChecks({ seg, text, ctx, lexicon: input.lexicon, config, cache: input.cache, scopes })) {
    addFinding(m.ruleId, m.start, m.end, m);
  }

  offerNamedAdults(findings, seg, ctx);
  dropRedundantAcronymFindings(findings, input.lexicon);
  keepMostSevereAtSamePlace(findings);
  findings.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
  const { kept, suppressed } = applyDirectives(findings, seg.directives);
  input.cache?.endPass();
  return { findings: kept, suppressed, profile, childAge, childAgeSource };
}

/**
 * Cache scopes for one analysis. A paragraph's result depends on the document only through the
 * context key and the ages of the people it names, so typing a new name elsewhere does not
 * invalidate every paragraph. Where each person's name occurs is kept per paragraph in the cache,
 * so an edit re-reads only the paragraph it changed (lower-casing a whole long document on every
 * keystroke costs milliseconds). A class rather than closures, so that V8 sees one shape and one
 * function from one analysis to the next.
 */
export class CacheScopes {
  private readonly names: Array<{ name: string; label: string }>;
  private readonly namesScope: string;
  /** Per paragraph index: record checks ask again for the same paragraphs. */
  private readonly places: Array<number[][] | undefined> = [];

  constructor(
    private readonly cache: AnalysisCache,
    private readonly seg: SegmentedDocument,
    people: Map<string, number>,
    private readonly contextKey: string,
  ) {
    this.names = [...people].map(([name, age]) => ({ name, label: `${name}=${age}` }));
    this.namesScope = `names\u0000${this.names.map((n) => n.name).join('\u0001')}`;
  }

  /** The scope for text from `start` to `end` of kind `kind`: the context and the people named there. */
  scope(kind: string, start: number, end: number): string {
    const { names, seg } = this;
    let named = '';
    if (names.length > 0) {
      const found = new Uint8Array(names.length);
      for (let k = firstParagraphEndingAfter(seg.paragraphs, start); k < seg.paragraphs.length && seg.paragraphs[k].start < end; k++) {
        const base = seg.paragraphs[k].start;
        const places = this.placesIn(k);
        for (let n = 0; n < names.length; n++) {
          if (found[n]) continue;
          for (const o of places[n]) {
            if (base + o >= start && base + o < end) {
              found[n] = 1;
              break;
            }
          }
        }
      }
      for (let n = 0; n < names.length; n++) if (found[n]) named += named ? `;${names[n].label}` : names[n].label;
    }
    return `${kind}\u0000${this.contextKey}\u0000${named}`;
  }

  private placesIn(k: number): number[][] {
    const cached = this.places[k];
    if (cached) return cached;
    const text = this.seg.paragraphs[k].text;
    const places = this.cache.memo(this.namesScope, text, () => {
      const lower = forMatching(text);
      return this.names.map(({ name }) => {
        const at: number[] = [];
        for (let i = lower.indexOf(name); i >= 0; i = lower.indexOf(name, i + 1)) at.push(i);
        return at;
      });
    });
    this.places[k] = places;
    return places;
  }
}

/** Index of the first paragraph that ends after `offset` (paragraphs are in document order). */
function firstParagraphEndingAfter(paragraphs: Paragraph[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Two entries of one category on the same words ("sexually active" for a child and for a child
 * under 13) are one finding: the most severe is kept.
 */
function keepMostSevereAtSamePlace(findings: Finding[]): void {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.offset}:${f.length}:${f.category}`;
    const kept = best.get(key);
    if (!kept || SEVERITY_RANK[f.severity] < SEVERITY_RANK[kept.severity]) best.set(key, f);
  }
  for (let i = findings.length - 1; i >= 0; i--) {
    if (best.get(`${findings[i].offset}:${findings[i].length}:${findings[i].category}`) !== findings[i]) findings.splice(i, 1);
  }
}

/** An unexpanded acronym that another rule already flags ("NFA" with no reason) is said once. */
function dropRedundantAcronymFindings(findings: Finding[], lexicon: CompiledLexicon): void {
  const isAcronymRule = (f: Finding) => lexicon.byId.get(f.ruleId)?.entry.check === 'acronyms';
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i];
    if (!isAcronymRule(f)) continue;
    if (findings.some((o) => o !== f && !isAcronymRule(o) && o.offset <= f.offset && o.offset + o.length >= f.offset + f.length)) findings.splice(i, 1);
  }
}

/**
 * Where a rewrite needs the adult responsible ("was not brought by [adult]") and the record names
 * adults ("Ms Hughes", "Mum"), offer the rewrite with each of them too, ranked after the original:
 * the writer chooses, the tool does not assume.
 */
function offerNamedAdults(findings: Finding[], seg: SegmentedDocument, ctx: DocumentContext): void {
  const needing = findings.filter((f) => f.suggestions.some((s) => s.includes('[adult]')));
  if (needing.length === 0) return;
  const records = splitRecords(seg);
  const adultsByRecord = new Map<DocRecord | Paragraph, string[]>();
  for (const finding of needing) {
    // The finding's record, or its paragraph when the record is a long stretch with no headings.
    const record = records.find((r) => finding.offset >= r.start && finding.offset <= r.end);
    const paragraph = seg.paragraphs.find((p) => finding.offset >= p.start && finding.offset <= p.end);
    const scope = record && record.end - record.start <= 4000 ? record : paragraph;
    if (!scope) continue;
    let adults = adultsByRecord.get(scope);
    if (!adults) {
      adults = namedAdults(seg.masked.slice(scope.start, scope.end), ctx.people, ctx.words);
      adultsByRecord.set(scope, adults);
    }
    const filled = finding.suggestions.filter((s) => s.includes('[adult]')).flatMap((s) => adults!.map((a) => s.split('[adult]').join(a)));
    for (const s of filled) if (!finding.suggestions.includes(s)) finding.suggestions.push(s);
  }
}

const SENTENCE_START_BEFORE = /(?:^|[.!?]["'”’)]*\s+|\n\s*(?:[-*+#>]+\s*)?|["“‘]\s*)$/u;

/** Capitalise a rewrite when the text it replaces starts a sentence with a capital. */
function matchCase(rewrite: string, matched: string, sentenceStart: boolean): string {
  // Only at the start of a sentence, and not for an acronym: "Leo DNA'd" is not a sentence start.
  const acronym = /^\p{Lu}{2,}/u.test(matched);
  if (sentenceStart && !acronym && /^\p{Lu}/u.test(matched) && /^\p{Ll}/u.test(rewrite)) return rewrite[0].toUpperCase() + rewrite.slice(1);
  return rewrite;
}

/** Runs the prefiltered patterns over one paragraph and keeps the matches the context allows. */
export function matchParagraph(paragraph: Paragraph, lexicon: CompiledLexicon, ctx: DocumentContext): RawMatch[] {
  const text = paragraph.text;
  // Facts about the paragraph are computed on demand and shared with the record checks.
  const view = ParagraphView.of(text, ctx);
  // Patterns are lower case and run on lower-cased text of the same length.
  const matchable = view.lower;
  const candidates: Candidate[] = [];
  // The prefilter: only patterns whose anchor word occurs in the paragraph are run, and only
  // around the places it occurs (a match must contain its anchor, and no pattern is longer than
  // MAX_MATCH_REACH characters), so a long paragraph is not rescanned once per pattern.
  const found = (entry: PatternRef['entry'], m: RegExpExecArray) => {
    let focusStart = m.index;
    let focusEnd = m.index + m[0].length;
    const focus = m.indices?.groups?.focus;
    if (focus) [focusStart, focusEnd] = focus;
    candidates.push({ entry, start: m.index, end: m.index + m[0].length, focusStart, focusEnd });
  };
  for (const { entry, pattern } of lexicon.unanchored) {
    if (!ctx.isEnabled(entry.entry.id)) continue;
    const regex = pattern.regex;
    regex.lastIndex = 0;
    for (let m = regex.exec(matchable); m; m = regex.exec(matchable)) {
      found(entry, m);
      if (m[0].length === 0) regex.lastIndex++;
    }
  }
  // Anchor words in text order; each pattern filed under the word runs around it, resuming
  // where it last stopped in this paragraph so no stretch is scanned twice by the same pattern.
  const scan = ++scanNumber;
  const anchorWords = lexicon.anchorWords;
  anchorWords.lastIndex = 0;
  for (let w = anchorWords.exec(matchable); w; w = anchorWords.exec(matchable)) {
    const anchor = w.index;
    for (const ref of lexicon.byAnchor.get(w[0])!) {
      if (ref.scan !== scan) {
        ref.scan = scan;
        ref.scannedTo = 0;
      }
      if (!ctx.isEnabled(ref.entry.entry.id)) continue;
      const regex = ref.pattern.regex;
      let scannedTo = ref.scannedTo;
      // A match holding this anchor starts at most MAX_MATCH_REACH before it.
      regex.lastIndex = Math.max(scannedTo, anchor - MAX_MATCH_REACH);
      for (let m = regex.exec(matchable); m && m.index <= anchor; m = regex.exec(matchable)) {
        if (m.index + m[0].length > anchor) found(ref.entry, m);
        scannedTo = m.index + Math.max(m[0].length, 1);
        regex.lastIndex = scannedTo;
      }
      ref.scannedTo = Math.max(scannedTo, anchor);
    }
  }
  if (candidates.length === 0) return [];

  const kept: RawMatch[] = [];
  candidates.sort((a, b) => a.focusStart - b.focusStart || b.focusEnd - a.focusEnd);
  for (const c of candidates) {
    // One finding per entry per place: drop a candidate overlapping a kept one of the same entry.
    if (kept.some((k) => k.ruleId === c.entry.entry.id && c.focusStart < k.end && c.focusEnd > k.start)) continue;
    if (view.allows(c)) kept.push({ ruleId: c.entry.entry.id, start: c.focusStart, end: c.focusEnd });
  }
  return kept;
}

function directiveCovers(d: Directive, finding: Finding): boolean {
  return d.rules.length === 0 || d.rules.includes(finding.ruleId) || d.rules.includes(finding.category);
}

/** Applies `heard-disable…` comments; every suppressed finding keeps the reason given. */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
): { kept: Finding[]; suppressed: SuppressedFinding[] } {
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

// The engine's entry point: text in, findings out. Pure: no file system, no editor.
//
// Work per call: segment the document (cheap regexes), read the document-wide context (front
// matter, ages, names), then for each paragraph either reuse cached matches (same text, same
// context) or run the prefiltered matcher and the context checks on it. compromise runs only on
// paragraphs where a lexicon pattern matched.
import { ageMentions, inferChildAge, inferChildName, peopleTable, type AgeMention } from './context/age';
import type { DocumentContext } from './context/paragraphView';
import { simpleHash, type CompiledEntry, type CompiledLexicon } from './lexicon';
export type { DocumentContext } from './context/paragraphView';
import { AnalysisCache, CacheScopes, cached } from './cache';
export { AnalysisCache } from './cache';
import { runRecordChecks } from './checks';
import type { DocumentMatch } from './matches';
import { matchParagraph } from './matcher';
import { inflectRewrite } from './rewrites';
import { segment, type Directive, type Paragraph, type SegmentedDocument } from './segment';
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

export interface AnalyseInput extends AnalyseOptions {
  lexicon: CompiledLexicon;
  cache?: AnalysisCache;
}

export interface ResolvedRule {
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

/**
 * An age as front matter gives it: a whole number from 0 to 120, written as a number or as digits
 * ("14"). Anything else (an empty value, "fourteen", -1) is no age: `Number("")` is 0, and an empty
 * `child-age: ""` must not make the child a newborn.
 */
function ageValue(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 120 ? n : undefined;
}

/** A document read for analysis: its paragraphs and the context every paragraph is judged in. */
export interface PreparedDocument {
  seg: SegmentedDocument;
  ctx: DocumentContext;
  rules: Map<string, ResolvedRule>;
  childAgeSource: AnalysisResult['childAgeSource'];
}

/** Segments the document and reads its context (profile, child's age, names, rules). */
export function prepareDocument(text: string, input: AnalyseInput): PreparedDocument {
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
  const fmAge = ageValue(frontMatterValue(fm, 'child-age', 'childAge', 'age'));
  let childAge: number | undefined;
  let childAgeSource: AnalysisResult['childAgeSource'];
  if (fmAge !== undefined) {
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
    frames: input.lexicon.frames,
    ageRows: input.lexicon.ageRows,
  };
  return { seg, ctx, rules, childAgeSource };
}

export function analyse(text: string, input: AnalyseInput): AnalysisResult {
  const config = input.config;
  const { seg, ctx, rules, childAgeSource } = prepareDocument(text, input);
  const { profile, childAge } = ctx;
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
  const addFinding = (ruleId: string, start: number, end: number, extra?: DocumentMatch) => {
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
      suggestions: (extra?.suggestions ?? compiled.entry.rewrites).map((r) =>
        matchCase(inflectRewrite(r, matched, text.slice(Math.max(0, start - 40), start), compiled.verbTables, compiled.patternVerbs), matched, SENTENCE_START_BEFORE.test(text.slice(Math.max(0, start - 8), start))),
      ),
      ...fixNotSafe(compiled, text, start, end),
      sources: compiled.entry.sources,
    });
  };

  const scopes = input.cache ? new CacheScopes(input.cache, seg, ctx.people, contextKey) : undefined;

  for (const paragraph of seg.paragraphs) {
    const matches = input.cache
      ? input.cache.memo(scopes!.scope(paragraph.tableHeader === undefined ? 'p' : `p\u0000${paragraph.tableHeader}`, paragraph.start, paragraph.end), paragraph.text, () => matchParagraph(paragraph, input.lexicon, ctx))
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

/** How far around a finding `fixNotSafe` reads: the words before it and the rest of its sentence. */
const FIX_CONTEXT_CHARS = 200;

/** `{ fixNotSafe: reason }` when the entry's `fixNotSafe` regexes match around [start, end). */
function fixNotSafe(compiled: CompiledEntry, text: string, start: number, end: number): { fixNotSafe?: string } {
  const reason = compiled.entry.fixNotSafe?.reason;
  if (!reason) return {};
  const beforeWindow = text.slice(Math.max(0, start - FIX_CONTEXT_CHARS), start);
  const before = beforeWindow.slice(Math.max(beforeWindow.search(/[^.!?\n]*$/), 0));
  const afterWindow = text.slice(end, end + FIX_CONTEXT_CHARS);
  const stop = afterWindow.search(/[.!?](?:\s|$)|\n\s*\n/);
  const after = stop >= 0 ? afterWindow.slice(0, stop) : afterWindow;
  const demoted = compiled.fixNotSafeBefore.some((re) => re.test(before)) || compiled.fixNotSafeAfter.some((re) => re.test(after));
  return demoted ? { fixNotSafe: reason } : {};
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

// Loads lexicon YAML (already read into memory: the engine never touches the file system),
// validates it against lexicon/schema.json, and compiles every pattern and condition once.
import { linearRegex, type TextTest } from './linearRegex';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { newAjv, yaml } from './libraries';
import schema from '../../../lexicon/schema.json';
import { compilePattern, LETTER, PATTERN_FLAGS, verbsIn, verbTable, type CompiledPattern, type VerbTable, type WordClasses } from './patterns';
import { buildWordModel, type WordModel } from './wordModel';
import type { LexiconEntry, SourceCitation } from './types';
import { RECORD_CHECK_NAMES } from './checks';
import { isPersonWord } from './context/people';
import { compileFrameRow, type CompiledFrameRow, type FrameRow } from './context/frames';
import { AGE_RULES, type AgeRow } from './context/ageRules';
import { didYouMean } from './suggest';

export interface LexiconFile {
  path: string;
  text: string;
}

/** A broken lexicon file: the message reads `file:line: what is wrong`. */
export class LexiconError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'LexiconError';
  }
}

export interface CompiledEntry {
  entry: LexiconEntry;
  patterns: CompiledPattern[];
  notBefore: TextTest[];
  notAfter: TextTest[];
  requireInSentence: TextTest[];
  notInSentence: TextTest[];
  requireInParagraph: TextTest[];
  /** The entry's `fixNotSafe` regexes: where one matches, the first rewrite is only offered. */
  fixNotSafeBefore: TextTest[];
  fixNotSafeAfter: TextTest[];
  /** The verbs its patterns write as {verb}, in order: the tense of the match is read from them. */
  patternVerbs: string[];
  /** Forms by tense of every verb in its patterns and rewrites ({go} in a rewrite follows the match's tense). */
  verbTables: Record<string, VerbTable>;
}

export interface PatternRef {
  entry: CompiledEntry;
  pattern: CompiledPattern;
  /**
   * The matcher's scratch state for the paragraph it is scanning (`scan` is that paragraph's
   * number): how far this pattern has already been run. Kept here rather than in a map per
   * paragraph, which was the matcher's largest allocation.
   */
  scan: number;
  scannedTo: number;
  /** For a pattern with slots: whether its skeleton matches anywhere in the paragraph `scan` (tested once per paragraph). */
  skeletonHit: boolean;
  /**
   * The pattern's next match found past the last anchor (or null: none to the end of the
   * paragraph), and where that search started. A search from any later point up to that match's
   * start finds the same match, so later anchors reuse it instead of scanning the rest of the
   * paragraph again (which made a long paragraph full of anchors quadratic).
   */
  pending?: RegExpExecArray | null;
  pendingFrom: number;
}

export interface GlossaryItem {
  acronym: string;
  expansion: string;
  source: SourceCitation;
}

export interface CompiledLexicon {
  entries: CompiledEntry[];
  /** Acronyms the jargon check knows, by acronym; organisation files add or override. */
  glossary: Map<string, GlossaryItem>;
  /** Acronyms never flagged (common knowledge: GP, NHS, UK …). */
  commonAcronyms: Set<string>;
  /** First names and non-nouns from compromise's lexicon, for telling names from other words. */
  words: WordModel;
  byId: Map<string, CompiledEntry>;
  /** Anchor word → the patterns that need it (the prefilter: only these run where it occurs). */
  byAnchor: Map<string, PatternRef[]>;
  /** Finds the anchor words in lowered text (`forMatching`): one scan per paragraph. */
  anchorWords: RegExp;
  /** Patterns with no usable anchor (rare; run on every paragraph). */
  unanchored: PatternRef[];
  /** Changes whenever the entries change; part of the paragraph cache key. */
  signature: string;
  /** The word classes patterns may use (`@name`), by name. */
  classes: Map<string, WordClassDefinition>;
  /** The context tables as written (lexicon/context.yaml and organisation files), in order. */
  tables: ContextTables;
  /** The frames table, compiled: is wording the writer's own? */
  frames: CompiledFrameRow[];
  /** The ages table: how old is the person a phrase is about? */
  ageRows: AgeRow[];
}

let validator: ValidateFunction | undefined;
/** The schema validator, compiled on first use (a precompiled lexicon never needs it). */
function validateFile(data: unknown): boolean {
  validator ??= newAjv().compile(schema);
  return validator(data) as boolean;
}
function validationErrors(): ErrorObject[] {
  return validator?.errors ?? [];
}

/** The line of the deepest YAML node on `path` that exists (for `file:line` errors). */
export function lineOfPath(doc: Document, counter: LineCounter, path: Array<string | number>): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (yaml().isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** The line of key `key` in the map at `path` (a class's name line, not its first value's). */
function lineOfKey(doc: Document, counter: LineCounter, path: string[], key: string): number {
  const map = doc.getIn(path, true);
  if (yaml().isMap(map)) {
    for (const pair of map.items) {
      if (yaml().isScalar(pair.key) && pair.key.value === key && pair.key.range) return counter.linePos(pair.key.range[0]).line;
    }
  }
  return lineOfPath(doc, counter, [...path, key]);
}

function describeAjvError(err: ErrorObject): string {
  const where = err.instancePath ? err.instancePath.replace(/^\//, '').replace(/\//g, '.') : 'file';
  if (err.keyword === 'additionalProperties') return `${where}: unknown key '${(err.params as { additionalProperty: string }).additionalProperty}'`;
  if (err.keyword === 'enum') return `${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (err.keyword === 'required') return `${where}: missing '${(err.params as { missingProperty: string }).missingProperty}'`;
  if (err.keyword === 'anyOf' && /sources/.test(where)) return `${where}: a source needs seed + paragraph, or publisher + title + date + url`;
  return `${where}: ${err.message ?? 'is invalid'}`;
}

// Condition regexes are used with `test()` only (no g or y flag, so no lastIndex state): entries
// that share a condition (many do) can share one compiled regex.
const conditionRegexes = new Map<string, RegExp>();

function conditionRegex(src: string): RegExp {
  let re = conditionRegexes.get(src);
  if (!re) conditionRegexes.set(src, (re = new RegExp(src, 'iu')));
  return re;
}

/**
 * A condition's regexes: the core lexicon's with the native engine, a workspace file's with the
 * linear-time one (linearRegex.ts), so no file in a workspace can make a check backtrack for ever.
 */
function compileRegexes(list: string[] | undefined, fail: (detail: string) => never, fromWorkspace: boolean): TextTest[] {
  return (list ?? []).map((src) => {
    try {
      return fromWorkspace ? linearRegex(src) : conditionRegex(src);
    } catch (e) {
      return fail(fromWorkspace ? (e as Error).message : `bad regular expression /${src}/: ${(e as Error).message}`);
    }
  });
}

/** Frame rows read from a workspace's own lexicon files: their regexes are matched in linear time. */
const workspaceFrameRows = new WeakSet<FrameRow>();

/** A named word class (`@name` in patterns), as written under `classes:` in a lexicon file. */
export interface WordClassDefinition {
  name: string;
  description?: string;
  words: string[];
  origin?: { file: string; line: number };
}

export interface ParsedLexiconFile {
  entries: LexiconEntry[];
  glossary: GlossaryItem[];
  common: string[];
  classes: WordClassDefinition[];
  frames: FrameRow[];
  ages: AgeRow[];
  fragments: Array<{ name: string; regex: string; origin: { file: string; line: number } }>;
}

/** Parses and validates one file; returns its entries (with their origin line) and glossary. */
export function parseLexiconFile(file: LexiconFile): ParsedLexiconFile {
  const counter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(file.text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new LexiconError(file.path, counter.linePos(e.pos[0]).line, `YAML syntax: ${e.message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  if (!validateFile(data)) {
    const err = validationErrors()[0];
    const path = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    throw new LexiconError(file.path, lineOfPath(doc, counter, path), describeAjvError(err));
  }
  const parsed = data as {
    entries?: LexiconEntry[];
    glossary?: { acronyms: GlossaryItem[]; common?: string[] };
    classes?: Record<string, { description?: string; words: string[] }>;
    frames?: FrameRow[];
    ages?: AgeRow[];
    fragments?: Record<string, string>;
  };
  return {
    entries: (parsed.entries ?? []).map((entry, i) => ({ ...entry, origin: { file: file.path, line: lineOfPath(doc, counter, ['entries', i]) } })),
    glossary: parsed.glossary?.acronyms ?? [],
    common: parsed.glossary?.common ?? [],
    classes: Object.entries(parsed.classes ?? {}).map(([name, c]) => ({ name, ...c, origin: { file: file.path, line: lineOfKey(doc, counter, ['classes'], name) } })),
    frames: (parsed.frames ?? []).map((row, i) => ({ ...row, origin: { file: file.path, line: lineOfPath(doc, counter, ['frames', i]) } })),
    ages: (parsed.ages ?? []).map((row, i) => ({ ...row, origin: { file: file.path, line: lineOfPath(doc, counter, ['ages', i]) } })),
    fragments: Object.entries(parsed.fragments ?? {}).map(([name, regex]) => ({ name, regex, origin: { file: file.path, line: lineOfKey(doc, counter, ['fragments'], name) } })),
  };
}

function compileEntry(entry: LexiconEntry, classes: WordClasses, fromWorkspace = false): CompiledEntry {
  const origin = entry.origin ?? { file: '(lexicon)', line: 1 };
  const fail = (detail: string): never => {
    throw new LexiconError(origin.file, origin.line, `entry '${entry.id}': ${detail}`);
  };
  if (entry.check !== undefined && !RECORD_CHECK_NAMES.includes(entry.check)) {
    fail(`unknown check '${entry.check}'${didYouMean(entry.check, RECORD_CHECK_NAMES)}; known checks: ${RECORD_CHECK_NAMES.join(', ')}`);
  }
  const patterns = (entry.patterns ?? []).map((p) => {
    let compiled: CompiledPattern;
    try {
      compiled = compilePattern(p, classes);
    } catch (e) {
      return fail((e as Error).message);
    }
    // In a pattern with a person slot, people are marked before matching: a person word written
    // as a plain word ("the children") could never match there.
    if (compiled.usesSlots) {
      const plain = p.replace(/\{[^}]*\}|<[^>]*>|@[a-z0-9-]+/g, ' ');
      for (const word of plain.match(/[\p{L}'’-]+/gu) ?? []) {
        if (isPersonWord(word)) fail(`pattern "${p}": '${word}' is a person word, which a pattern with a slot matches as a person: write a slot such as <child> or <adult> instead`);
      }
    }
    return compiled;
  });
  const c = entry.conditions ?? {};
  return {
    entry,
    patterns,
    notBefore: compileRegexes(c.notBefore, fail, fromWorkspace),
    notAfter: compileRegexes(c.notAfter, fail, fromWorkspace),
    requireInSentence: compileRegexes(c.requireInSentence, fail, fromWorkspace),
    notInSentence: compileRegexes(c.notInSentence, fail, fromWorkspace),
    requireInParagraph: compileRegexes(c.requireInParagraph, fail, fromWorkspace),
    fixNotSafeBefore: compileRegexes(entry.fixNotSafe?.before, fail, fromWorkspace),
    fixNotSafeAfter: compileRegexes(entry.fixNotSafe?.after, fail, fromWorkspace),
    ...verbInfo(entry),
  };
}

/** The verbs of an entry's patterns, and the forms of every verb its patterns and rewrites use. */
function verbInfo(entry: LexiconEntry): { patternVerbs: string[]; verbTables: Record<string, VerbTable> } {
  const patternVerbs = [...new Set((entry.patterns ?? []).flatMap(verbsIn))];
  const rewriteVerbs = entry.rewrites.flatMap(verbsIn);
  if (rewriteVerbs.length === 0) return { patternVerbs: [], verbTables: {} };
  const verbTables: Record<string, VerbTable> = {};
  for (const v of [...patternVerbs, ...rewriteVerbs]) verbTables[v] ??= verbTable(v);
  return { patternVerbs, verbTables };
}

/**
 * Compiles the core lexicon files, then any extra (organisation) files in order. An id repeated
 * within the core is an error; an extra file's entry with a core id replaces the core entry.
 */
export function compileLexicon(coreFiles: LexiconFile[], extraFiles: LexiconFile[] = []): CompiledLexicon {
  // Every file is read first: an entry may use a word class defined in a later file.
  const core = coreFiles.map(parseLexiconFile);
  const extra = extraFiles.map(parseLexiconFile);
  const glossary = new Map<string, GlossaryItem>();
  const common = new Set<string>();
  for (const parsed of [...core, ...extra]) {
    for (const item of parsed.glossary) glossary.set(item.acronym, item);
    for (const acronym of parsed.common) common.add(acronym);
  }
  // An organisation's file may redefine a core class (its own volition verbs, say).
  const classDefs = definitionsByName('word class', core.flatMap((p) => p.classes), extra.flatMap((p) => p.classes));
  const classes: WordClasses = new Map([...classDefs.values()].map((c) => [c.name, c.words]));
  // A broken class is reported where it is defined, even if no entry uses it yet.
  for (const c of classDefs.values()) {
    try {
      compilePattern(`@${c.name}`, classes);
    } catch (e) {
      throw new LexiconError(c.origin!.file, c.origin!.line, `word class '${c.name}': ${(e as Error).message}`);
    }
  }
  // Named regex fragments ({{name}} in a condition or a frame row), defined once.
  const fragments = definitionsByName('regex fragment', core.flatMap((p) => p.fragments), extra.flatMap((p) => p.fragments));
  const expand = (src: string, where: { file: string; line: number }, what: string): string =>
    src.replace(/\{\{([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}\}/g, (_, name: string) => {
      const f = fragments.get(name);
      if (!f) throw new LexiconError(where.file, where.line, `${what}: unknown regex fragment {{${name}}}${didYouMean(name, [...fragments.keys()])}`);
      return `(?:${f.regex})`;
    });
  for (const parsed of [...core, ...extra]) {
    for (const entry of parsed.entries) {
      const c = entry.conditions;
      if (!c) continue;
      const origin = entry.origin!;
      for (const key of ['notBefore', 'notAfter', 'requireInSentence', 'notInSentence', 'requireInParagraph'] as const) {
        if (c[key]) entry.conditions = { ...entry.conditions, [key]: c[key]!.map((r) => expand(r, origin, `entry '${entry.id}'`)) };
      }
    }
    for (const row of parsed.frames) {
      for (const key of ['before', 'notBefore', 'after', 'sentence', 'nextSentence', 'paragraph', 'tableHeader'] as const) {
        const v = row[key];
        if (v !== undefined) row[key] = Array.isArray(v) ? v.map((r) => expand(r, row.origin!, `frame row '${row.id}'`)) : expand(v, row.origin!, `frame row '${row.id}'`);
      }
    }
  }
  for (const parsed of extra) for (const row of parsed.frames) workspaceFrameRows.add(row);
  const frames = mergeRows(core.flatMap((p) => p.frames), extra.flatMap((p) => p.frames));
  const ages = mergeRows(core.flatMap((p) => p.ages), extra.flatMap((p) => p.ages));
  for (const row of ages) {
    if (!AGE_RULES.has(row.rule)) {
      throw new LexiconError(row.origin!.file, row.origin!.line, `age row '${row.id}': unknown rule '${row.rule}'${didYouMean(row.rule, [...AGE_RULES.keys()])}; known rules: ${[...AGE_RULES.keys()].join(', ')}`);
    }
  }
  const byId = new Map<string, CompiledEntry>();
  for (const parsed of core) {
    for (const entry of parsed.entries) {
      const existing = byId.get(entry.id);
      if (existing) {
        const o = existing.entry.origin!;
        throw new LexiconError(entry.origin!.file, entry.origin!.line, `duplicate id '${entry.id}' (also at ${o.file}:${o.line})`);
      }
      byId.set(entry.id, compileEntry(entry, classes));
    }
  }
  for (const parsed of extra) for (const entry of parsed.entries) byId.set(entry.id, compileEntry(entry, classes, true));
  return indexLexicon([...byId.values()], glossary, common, buildWordModel(), [...classDefs.values()], { frames, ages });
}

/**
 * Named definitions (word classes, regex fragments) by name: a name defined twice in the core is an
 * error; an organisation's definition replaces the core's.
 */
function definitionsByName<T extends { name: string; origin?: { file: string; line: number } }>(what: string, coreDefs: T[], extraDefs: T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const d of coreDefs) {
    const existing = out.get(d.name);
    if (existing) throw new LexiconError(d.origin!.file, d.origin!.line, `${what} '${d.name}' is defined twice (also at ${existing.origin!.file}:${existing.origin!.line})`);
    out.set(d.name, d);
  }
  for (const d of extraDefs) out.set(d.name, d);
  return out;
}

/**
 * Table rows in order: the core's, then an organisation's. An organisation's row with a core id
 * replaces it in place; a new one is tried before the core rows, so an organisation's decision
 * comes first. A repeated id within the core is an error.
 */
function mergeRows<T extends { id: string; origin?: { file: string; line: number } }>(coreRows: T[], extraRows: T[]): T[] {
  const out: T[] = [];
  for (const row of coreRows) {
    const twin = out.find((r) => r.id === row.id);
    if (twin) throw new LexiconError(row.origin!.file, row.origin!.line, `duplicate row id '${row.id}' (also at ${twin.origin!.file}:${twin.origin!.line})`);
    out.push(row);
  }
  const added: T[] = [];
  for (const row of extraRows) {
    const at = out.findIndex((r) => r.id === row.id);
    if (at >= 0) out[at] = row;
    else added.push(row);
  }
  return [...added, ...out];
}

export interface ContextTables {
  frames: FrameRow[];
  ages: AgeRow[];
}

function compileFrames(rows: FrameRow[]): CompiledFrameRow[] {
  return rows.map((row) =>
    compileFrameRow(row, (src) => {
      const fromWorkspace = workspaceFrameRows.has(row);
      try {
        return fromWorkspace ? linearRegex(src) : conditionRegex(src);
      } catch (e) {
        const detail = fromWorkspace ? (e as Error).message : `bad regular expression /${src}/: ${(e as Error).message}`;
        throw new LexiconError(row.origin?.file ?? '(lexicon)', row.origin?.line ?? 1, `frame row '${row.id}': ${detail}`);
      }
    }),
  );
}

function indexLexicon(
  entries: CompiledEntry[],
  glossary: Map<string, GlossaryItem>,
  commonAcronyms: Set<string>,
  words: WordModel,
  classes: WordClassDefinition[],
  tables: ContextTables,
  knownSignature?: string,
): CompiledLexicon {
  const byAnchor = new Map<string, PatternRef[]>();
  const unanchored: PatternRef[] = [];
  for (const entry of entries) {
    for (const pattern of entry.patterns) {
      const ref: PatternRef = { entry, pattern, scan: 0, scannedTo: 0, skeletonHit: false, pending: undefined, pendingFrom: 0 };
      if (pattern.anchor.size === 0) {
        unanchored.push(ref);
        continue;
      }
      for (const token of pattern.anchor) {
        const list = byAnchor.get(token);
        if (list) list.push(ref);
        else byAnchor.set(token, [ref]);
      }
    }
  }
  const signature = knownSignature ?? lexiconSignature(entries, glossary, commonAcronyms, classes, tables);
  const anchorWords = anchorWordsRegex([...byAnchor.keys()]);
  const byClass = new Map(classes.map((c) => [c.name, c]));
  return {
    entries,
    byId: new Map(entries.map((e) => [e.entry.id, e])),
    byAnchor,
    anchorWords,
    unanchored,
    signature,
    glossary,
    commonAcronyms,
    words,
    classes: byClass,
    tables,
    frames: compileFrames(tables.frames),
    ageRows: tables.ages.filter((r) => r.enabled !== false),
  };
}

function lexiconSignature(entries: CompiledEntry[], glossary: Map<string, GlossaryItem>, commonAcronyms: Set<string>, classes: WordClassDefinition[], tables: ContextTables): string {
  // Where an entry came from does not change what it finds: origins stay out of the signature.
  return simpleHash(
    [
      ...entries.map((e) => JSON.stringify({ ...e.entry, origin: undefined })),
      JSON.stringify([...glossary.values()]),
      [...commonAcronyms].join(),
      JSON.stringify(classes.map((c) => [c.name, c.words])),
      JSON.stringify([tables.frames, tables.ages], (k, v) => (k === 'origin' || k === 'examples' ? undefined : v)),
    ].join('\n'),
  );
}

/**
 * One regex for every anchor word, whole words only (letters and digits on neither side). V8 runs a
 * literal alternation like this over a paragraph faster than splitting it into words and looking
 * each up, and it needs no warming up in a short-lived process.
 */
function anchorWordsRegex(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(`(?<![${LETTER}0-9])(?:${escaped.join('|') || '(?!)'})(?![${LETTER}0-9])`, 'g');
}

/** A short, stable hash (FNV-1a, 32-bit) for cache keys. */
export function simpleHash(text: string, seed = 0x811c9dc5): string {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * A compiled lexicon as plain JSON: what `compileLexicon` produced, without having to parse YAML,
 * validate, or inflect words again. The build writes one for the core lexicon so that the CLI, its
 * worker threads and the language server start quickly; `signature` says which sources it came from.
 */
export interface SerializedLexicon {
  format: 2;
  /** Hash of the source files it was compiled from (see `lexiconSourceHash` in node/lexiconFiles.ts). */
  sourceHash: string;
  /** The compiled lexicon's signature, stored so that loading need not hash every entry again. */
  signature: string;
  entries: Array<{ entry: LexiconEntry; verbs: { patternVerbs: string[]; verbTables: Record<string, VerbTable> }; patterns: Array<{ source: string; regex: string; anchor: string[]; hasFocus: boolean; usesSlots: boolean; startsWithSlot: boolean; skeleton?: string; reach?: number }> }>;
  classes: WordClassDefinition[];
  tables: ContextTables;
  glossary: GlossaryItem[];
  common: string[];
  words: { femaleNames: string[]; maleNames: string[]; notNouns: string[] };
}

/** An origin relative to the package ("lexicon/jargon.yaml"): the precompiled copy moves with the package. */
function packageRelative(origin: { file: string; line: number } | undefined): { file: string; line: number } | undefined {
  return origin && { ...origin, file: origin.file.replace(/^.*[\\/](lexicon[\\/][^\\/]+)$/, '$1') };
}

export function serializeLexicon(lexicon: CompiledLexicon, sourceHash: string): SerializedLexicon {
  return {
    format: 2,
    sourceHash,
    signature: lexicon.signature,
    entries: lexicon.entries.map((e) => ({
      entry: { ...e.entry, origin: packageRelative(e.entry.origin) },
      verbs: { patternVerbs: e.patternVerbs, verbTables: e.verbTables },
      patterns: e.patterns.map((p) => ({ source: p.source, regex: p.regex.source, anchor: [...p.anchor], hasFocus: p.hasFocus, usesSlots: p.usesSlots, startsWithSlot: p.startsWithSlot, skeleton: p.skeleton?.source, reach: p.reach })),
    })),
    tables: {
      frames: lexicon.tables.frames.map((r) => ({ ...r, origin: packageRelative(r.origin) })),
      ages: lexicon.tables.ages.map((r) => ({ ...r, origin: packageRelative(r.origin) })),
    },
    classes: [...lexicon.classes.values()].map((c) => ({ ...c, origin: packageRelative(c.origin) })),
    glossary: [...lexicon.glossary.values()],
    common: [...lexicon.commonAcronyms],
    words: { femaleNames: [...lexicon.words.femaleNames], maleNames: [...lexicon.words.maleNames], notNouns: [...lexicon.words.notNouns] },
  };
}

export function deserializeLexicon(data: SerializedLexicon): CompiledLexicon {
  const entries = data.entries.map(({ entry, patterns, verbs }) => {
    const c = entry.conditions ?? {};
    const regexes = (list?: string[]) => (list ?? []).map(conditionRegex);
    return {
      entry,
      // Building a Unicode regex costs a fraction of a millisecond; most patterns never meet their
      // anchor word in a given run, so each is built when first used.
      patterns: patterns.map((p) => {
        let regex: RegExp | undefined;
        let skeleton: RegExp | undefined;
        return {
          source: p.source,
          get regex() {
            return (regex ??= new RegExp(p.regex, PATTERN_FLAGS));
          },
          get skeleton() {
            return p.skeleton === undefined ? undefined : (skeleton ??= new RegExp(p.skeleton, PATTERN_FLAGS));
          },
          anchor: new Set(p.anchor),
          hasFocus: p.hasFocus,
          usesSlots: p.usesSlots,
          startsWithSlot: p.startsWithSlot,
          reach: p.reach,
        };
      }),
      notBefore: regexes(c.notBefore),
      notAfter: regexes(c.notAfter),
      requireInSentence: regexes(c.requireInSentence),
      notInSentence: regexes(c.notInSentence),
      requireInParagraph: regexes(c.requireInParagraph),
      fixNotSafeBefore: regexes(entry.fixNotSafe?.before),
      fixNotSafeAfter: regexes(entry.fixNotSafe?.after),
      patternVerbs: verbs.patternVerbs,
      verbTables: verbs.verbTables,
    };
  });
  const words = { femaleNames: new Set(data.words.femaleNames), maleNames: new Set(data.words.maleNames), notNouns: new Set(data.words.notNouns) };
  return indexLexicon(entries, new Map(data.glossary.map((g) => [g.acronym, g])), new Set(data.common), words, data.classes, data.tables, data.signature);
}

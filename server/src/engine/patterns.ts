// Compiles the lexicon's readable pattern syntax (lexicon/README.md) into sticky regular
// expressions, and works out which words a match can start with so the matcher only tries a
// pattern where one of those words occurs (the lexical prefilter).
import { nlp } from './nlp';
import { ANY_MARKED_PERSON, SLOT_FILLER, SLOT_NAMES, slotCodeClass, type PersonType } from './slotCodes';
import { didYouMean } from './suggest';

export class PatternError extends Error {}

/** A compiled pattern: a regex to scan a paragraph with, and the words that must be present. */
export interface CompiledPattern {
  source: string;
  /** Global regex (flags d, g, i, u): scan a paragraph with `lastIndex = 0`. */
  regex: RegExp;
  /** Lower-cased word tokens, one of which every match contains; empty = no usable anchor. */
  anchor: Set<string>;
  hasFocus: boolean;
  /** The pattern has a person slot: it runs on the paragraph with people marked (slotCodes.ts). */
  usesSlots: boolean;
  /** The pattern starts with a person slot: it names its own subject (subject conditions do not apply). */
  startsWithSlot: boolean;
  /** For a pattern with slots: the same pattern with each slot as "one to four words", run on the plain text first. */
  skeleton?: RegExp;
  /** At most how many characters before its anchor word a match starts (unset: the matcher's default). */
  reach?: number;
}

/**
 * Named word classes (`@volition`), each a list of pattern fragments, defined once in the
 * lexicon's `classes:` and used by many patterns. The class `clause-gap` says what a clause gap
 * (`..`) may hold.
 */
export type WordClasses = ReadonlyMap<string, readonly string[]>;
const NO_CLASSES: WordClasses = new Map();

// Patterns run without the i flag and without Unicode property classes, on text lowered by
// `forMatching`: V8 compiles such regexes several times faster, and each pattern is compiled on
// first use. LETTER covers Latin (with accents), Greek and Cyrillic letters; a letter outside it
// next to a word only makes a word boundary more permissive.
export const LETTER = 'a-z\\u00AA\\u00B5\\u00BA\\u00DF-\\u00F6\\u00F8-\\u02AF\\u0370-\\u052F\\u1E00-\\u1FFF';
const WORD_CHAR = `[${LETTER}0-9'’-]`;
// Between two words: white space, with quotation marks allowed around it ('"chose" to').
const SEP = `["“”‘’']?\\s+["“”‘’']?`;
// `_` also takes an age in brackets, which case notes write after names ("by Rio (12) against").
const ANY_WORD = `(?:${WORD_CHAR}+|\\(\\d{1,2}\\))`;
// Hyphens count as part of a word, so "consensual" does not match inside "non-consensual".
const BEFORE_WORD = `(?<![${LETTER}0-9_‐‑-])`;
const AFTER_WORD = `(?![${LETTER}0-9_]|-[${LETTER}])`;

const PRONOUN_CLASSES: Record<string, string[]> = {
  self: ['herself', 'himself', 'themselves', 'themself', 'myself', 'yourself'],
  them: ['her', 'him', 'them'],
  their: ['her', 'his', 'their'],
  they: ['she', 'he', 'they'],
};

// A pattern item after parsing.
type Node =
  | { kind: 'word'; text: string; optional: boolean; plural: boolean }
  | { kind: 'verb'; text: string; optional: boolean }
  | { kind: 'class'; name: string; optional: boolean }
  | { kind: 'any'; min: number; max: number; optional: boolean }
  | { kind: 'group'; alternatives: Node[][]; optional: boolean }
  | { kind: 'focus'; body: Node[]; optional: boolean }
  | { kind: 'slot'; name: PersonType; optional: boolean }
  | { kind: 'wordclass'; name: string; alternatives: Node[][]; optional: boolean }
  | { kind: 'gap'; words: Node[][]; optional: boolean };

// compromise's bundled types do not expose the verbs()/nouns() plugins on View; this is the slice we use.
interface InflectionView {
  tag(tag: string): InflectionView;
  verbs(): { conjugate(): Array<Record<string, string>> };
  nouns(): { toPlural(): { text(): string } };
}
const inflect = (word: string) => nlp()(word) as unknown as InflectionView;

/** Nodes written directly after the previous item, with no space: joined without white space. */
const JOINED = new WeakSet<Node>();
/** Groups written with the separating space inside them: "(older )?boyfriend", "at( least)?". */
const SPACE_INSIDE = new WeakSet<Node>();
const LEADING_SPACE = new WeakSet<Node>();

const verbFormCache = new Map<string, string[]>();

/** Every inflection of a verb (infinitive, -s, past, participle, -ing), via compromise. */
export function verbForms(verb: string): string[] {
  const key = verb.toLowerCase();
  const cached = verbFormCache.get(key);
  if (cached) return cached;
  const conjugations = inflect(key).tag('Verb').verbs().conjugate()[0] as Record<string, string> | undefined;
  const forms = new Set<string>([key]);
  // compromise occasionally misreads a verb ("witness" → "witnes"); fall back to the regular rules.
  if (!conjugations || conjugations.Infinitive?.toLowerCase() !== key) {
    const stem = key.endsWith('e') ? key.slice(0, -1) : key;
    forms.add(/(s|x|z|ch|sh)$/.test(key) ? `${key}es` : `${key}s`).add(`${stem}ed`).add(`${stem}ing`);
  } else {
    for (const [tense, form] of Object.entries(conjugations)) {
      if (tense === 'FutureTense' || !form) continue;
      forms.add(form.toLowerCase());
    }
  }
  const result = [...forms];
  verbFormCache.set(key, result);
  return result;
}

// Participles compromise does not give (it gives the past tense instead).
const IRREGULAR_PARTICIPLES: Record<string, string> = { run: 'run', come: 'come', become: 'become', overcome: 'overcome' };

/** A verb's forms by tense, for rewrites that follow the tense of the words they replace. */
export interface VerbTable {
  infinitive: string;
  present: string;
  past: string;
  participle: string;
  gerund: string;
}

/** The forms of a verb by tense, via compromise (compile time only: the precompiled lexicon stores them). */
export function verbTable(verb: string): VerbTable {
  const key = verb.toLowerCase();
  const c = inflect(key).tag('Verb').verbs().conjugate()[0] as Record<string, string> | undefined;
  const stem = key.endsWith('e') ? key.slice(0, -1) : key;
  const past = c?.PastTense?.toLowerCase() ?? `${stem}ed`;
  return {
    infinitive: key,
    present: c?.PresentTense?.toLowerCase() ?? (/(s|x|z|ch|sh)$/.test(key) ? `${key}es` : `${key}s`),
    past,
    participle: c?.Participle?.toLowerCase() ?? IRREGULAR_PARTICIPLES[key] ?? past,
    gerund: c?.Gerund?.toLowerCase() ?? `${stem}ing`,
  };
}

/** The verbs written as {verb} in a pattern or rewrite. */
export function verbsIn(source: string): string[] {
  return [...source.matchAll(/\{\s*([\p{L}'’-]+)\s*\}/gu)].map((m) => m[1].toLowerCase());
}

const nounFormCache = new Map<string, string[]>();

/** Singular and plural of a noun, via compromise. */
export function nounForms(noun: string): string[] {
  const key = noun.toLowerCase();
  let forms = nounFormCache.get(key);
  if (!forms) {
    const plural = inflect(key).tag('Noun').nouns().toPlural().text().toLowerCase();
    forms = plural && plural !== key ? [key, plural] : [key];
    nounFormCache.set(key, forms);
  }
  return forms;
}

/** Word classes parsed once per class table: name → alternatives. */
const parsedClassCache = new WeakMap<WordClasses, Map<string, Node[][]>>();

// What a clause gap holds when the lexicon defines no `clause-gap` class: auxiliaries, modals and
// common adverbs (any word in -ly is added in code). Negations are left out on purpose, so that
// "has not chosen" is not "has chosen".
const DEFAULT_GAP_WORDS = [
  'has', 'have', 'had', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'will', 'would', 'can', 'could', 'may',
  'might', 'must', 'should', 'do', 'does', 'did', 'now', 'again', 'still', 'also', 'often', 'always', 'even', 'just',
  'then', 'once', 'sometimes', 'already', 'all', 'both', '{keep} on?', '{continue} to', '{start} to', '{begin} to',
];

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly classes: WordClasses = NO_CLASSES,
    private readonly expanding: string[] = [],
  ) {}

  /** The alternatives of word class `name`, parsed once per class table. */
  private wordClass(name: string): Node[][] {
    let parsed = parsedClassCache.get(this.classes);
    if (!parsed) parsedClassCache.set(this.classes, (parsed = new Map()));
    const known = parsed.get(name);
    if (known) return known;
    const words = this.classes.get(name) ?? (name === 'clause-gap' ? DEFAULT_GAP_WORDS : undefined);
    if (!words) throw this.error(`unknown word class @${name}${didYouMean(name, [...this.classes.keys()])}`);
    if (this.expanding.includes(name)) throw this.error(`word class @${name} refers to itself (${[...this.expanding, name].join(' → ')})`);
    const alternatives = words.map((w) => new Parser(w, this.classes, [...this.expanding, name]).parse());
    parsed.set(name, alternatives);
    return alternatives;
  }

  parse(): Node[] {
    const seq = this.sequence(new Set());
    if (this.pos < this.src.length) throw this.error(`unexpected '${this.src[this.pos]}'`);
    return seq;
  }

  private error(message: string): PatternError {
    return new PatternError(`pattern "${this.src}": ${message} at position ${this.pos + 1}`);
  }

  private sequence(terminators: Set<string>): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const hadSpace = this.src[this.pos] === ' ';
      while (this.src[this.pos] === ' ') this.pos++;
      const ch = this.src[this.pos];
      if (ch === undefined || terminators.has(ch)) return nodes;
      const node = this.item();
      // Items written with no space between them are one word: "alleged(ly)?".
      const previous = nodes[nodes.length - 1];
      if (previous && !hadSpace && !SPACE_INSIDE.has(previous) && !LEADING_SPACE.has(node)) JOINED.add(node);
      // A verb right after a person slot may have auxiliaries and adverbs before it: "<child>
      // {choose}" finds "Amira has now chosen".
      if (previous?.kind === 'slot' && (node.kind === 'verb' || node.kind === 'wordclass') && !JOINED.has(node)) nodes.push({ kind: 'gap', words: this.wordClass('clause-gap'), optional: true });
      nodes.push(node);
    }
  }

  private optionalSuffix(): boolean {
    if (this.src[this.pos] === '?') {
      this.pos++;
      return true;
    }
    return false;
  }

  private item(): Node {
    const ch = this.src[this.pos];
    if (ch === '(') {
      const openAt = this.pos;
      this.pos++;
      const alternatives: Node[][] = [];
      for (;;) {
        alternatives.push(this.sequence(new Set(['|', ')'])));
        const next = this.src[this.pos];
        if (next === '|') {
          this.pos++;
          continue;
        }
        if (next === ')') {
          this.pos++;
          break;
        }
        throw this.error("missing ')'");
      }
      if (alternatives.some((a) => a.length === 0)) throw this.error('empty alternative');
      if (this.src[this.pos] === '~') {
        // "(dispute|disturbance)~": singular and plural of each alternative's last word.
        this.pos++;
        for (const alt of alternatives) {
          const last = alt[alt.length - 1];
          if (last.kind !== 'word') throw this.error("'~' after a group needs each alternative to end in a word");
          last.plural = true;
        }
      }
      // "(an? )?": an alternative that is a single optional item makes the group optional instead,
      // so the separators around it stay right.
      let optionalInside = false;
      for (const alt of alternatives) {
        if (alt.length === 1 && alt[0].optional) {
          alt[0].optional = false;
          optionalInside = true;
        }
      }
      const node: Node = { kind: 'group', alternatives, optional: false };
      if (this.src[this.pos - 2] === ' ') SPACE_INSIDE.add(node);
      if (this.src[openAt + 1] === ' ') LEADING_SPACE.add(node);
      node.optional = this.optionalSuffix() || optionalInside;
      return node;
    }
    if (ch === '[') {
      this.pos++;
      const body = this.sequence(new Set([']']));
      if (this.src[this.pos] !== ']') throw this.error("missing ']'");
      this.pos++;
      if (body.length === 0) throw this.error('empty focus');
      return { kind: 'focus', body, optional: this.optionalSuffix() };
    }
    if (ch === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) throw this.error("missing '}'");
      const text = this.src.slice(this.pos + 1, end).trim();
      if (!/^[\p{L}'’-]+$/u.test(text)) throw this.error(`'{${text}}' must hold one verb`);
      this.pos = end + 1;
      return { kind: 'verb', text, optional: this.optionalSuffix() };
    }
    if (ch === '<') {
      const end = this.src.indexOf('>', this.pos);
      if (end < 0) throw this.error("missing '>'");
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      if ((SLOT_NAMES as readonly string[]).includes(name)) return { kind: 'slot', name: name as PersonType, optional: this.optionalSuffix() };
      const known = [...Object.keys(PRONOUN_CLASSES), ...SLOT_NAMES];
      if (!PRONOUN_CLASSES[name]) throw this.error(`unknown class or slot <${name}>${didYouMean(name, known)} (known: ${known.map((k) => `<${k}>`).join(', ')})`);
      return { kind: 'class', name, optional: this.optionalSuffix() };
    }
    if (ch === '@') {
      const m = /^@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)/.exec(this.src.slice(this.pos));
      if (!m) throw this.error("'@' must be followed by a word class name");
      this.pos += m[0].length;
      return { kind: 'wordclass', name: m[1], alternatives: this.wordClass(m[1]), optional: this.optionalSuffix() };
    }
    if (ch === '.' && this.src[this.pos + 1] === '.') {
      this.pos += 2;
      return { kind: 'gap', words: this.wordClass('clause-gap'), optional: true };
    }
    if (ch === '_') {
      this.pos++;
      let min = 1;
      let max = 1;
      const m = /^\{(\d+),(\d+)\}/.exec(this.src.slice(this.pos));
      if (m) {
        min = Number(m[1]);
        max = Number(m[2]);
        if (max < 1 || min > max) throw this.error('bad word count');
        this.pos += m[0].length;
      }
      const optional = this.optionalSuffix() || min === 0;
      return { kind: 'any', min: Math.max(min, 1), max, optional };
    }
    // A plain word: everything up to a space or a syntax character.
    const m = /^[^\s()[\]{}<>|?~_]+/u.exec(this.src.slice(this.pos));
    if (!m) throw this.error(`unexpected '${ch}'`);
    this.pos += m[0].length;
    let plural = false;
    if (this.src[this.pos] === '~') {
      plural = true;
      this.pos++;
    }
    return { kind: 'word', text: m[0], optional: this.optionalSuffix(), plural };
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A literal word: hyphens match hyphen, space or nothing; apostrophes match straight or curly. */
function literalWord(word: string): string {
  return word
    .split(/(-|'|’)/)
    .map((part) => {
      if (part === '-') return "(?:[-‐‑–]|\\s+)?";
      if (part === "'" || part === '’') return "['’]";
      return escapeRegex(part.toLowerCase());
    })
    .join('');
}

function alternation(words: string[]): string {
  // Longest first, so "chosen" is preferred to "chose" at the same position.
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  return `(?:${sorted.map(literalWord).join('|')})`;
}

function nodeSource(node: Node, skeleton: boolean): string {
  const seq = (nodes: Node[]) => sequenceSource(nodes, skeleton);
  switch (node.kind) {
    case 'word':
      return node.plural ? alternation(nounForms(node.text)) : literalWord(node.text);
    case 'verb':
      return alternation(verbForms(node.text));
    case 'class':
      return alternation(PRONOUN_CLASSES[node.name]);
    case 'any':
      return node.max === 1 ? ANY_WORD : `${ANY_WORD}(?:${SEP}${ANY_WORD}){${node.min - 1},${node.max - 1}}`;
    case 'group':
    case 'wordclass':
      return `(?:${node.alternatives.map(seq).join('|')})`;
    case 'focus':
      return `(?<focus>${seq(node.body)})`;
    case 'slot':
      if (skeleton) return SKELETON_PERSON;
      return BARE_SLOTS.has(node) ? `${slotCodeClass(node.name, 'either')}${SLOT_FILLER}*` : slotSource(node.name);
    case 'gap':
      // Up to four auxiliaries or adverbs ("has now chosen", "was found to have been"), then perhaps a
      // short aside between commas ("put themselves, and sometimes their friends, at risk"). It brings its
      // own leading space.
      return `(?:${SEP}(?:${[...node.words.map(seq), `[${LETTER}]+ly`].join('|')})){0,4}(?:\\s*,\\s+[^,.;:!?\\n]{1,40}?,)?`;
  }
}

// A person slot: a determiner (or a possessive: "Lucy's"), up to two modifiers ("older", "14-year-old"),
// then a marked person of the slot's type. Modifiers are words that cannot end a noun phrase's
// lead-in: not function words, so a slot does not swallow "with" or "and".
const DETERMINER = `(?:the|a|an|this|that|these|those|her|his|their|its|our|my|your|another|both|either|each|one|two|three|${ANY_MARKED_PERSON}['’]s)`;
const NOT_MODIFIER = 'and|or|but|with|to|of|in|on|at|by|for|from|as|than|that|who|whom|which|is|was|are|were|be|been|has|have|had|not|no|never';
const MODIFIER = `(?!(?:${NOT_MODIFIER})(?![${LETTER}0-9'’-]))[${LETTER}0-9][${LETTER}0-9'’-]*`;
// Up to five words, with an age in brackets or between commas ("Kayla (14)", "Dean, 29,").
const SKELETON_PERSON = `[${LETTER}0-9'’()-]+(?:,?${SEP}[${LETTER}0-9'’()-]+){0,4},?`;

/**
 * A slot that starts a pattern matches the person alone, without a determiner or modifiers before
 * it: the regex can then start only at a person's code character instead of trying every word of
 * the paragraph as a possible determiner (measured: the largest cost of slot patterns).
 */
const BARE_SLOTS = new WeakSet<Node>();

function slotSource(type: PersonType): string {
  return `(?:(?:${DETERMINER}${SEP})?(?:${MODIFIER}${SEP}){0,2}?${slotCodeClass(type, true)}|${slotCodeClass(type, false)})${SLOT_FILLER}*`;
}

/**
 * A sequence's regex source. With `skeleton`, the skeleton of a pattern with slots: each slot
 * stands for a few words of the plain lowered text, a necessary condition the matcher tests before
 * it builds the copy of the paragraph with people marked, which most paragraphs then never need.
 */
function sequenceSource(nodes: Node[], skeleton = false): string {
  let out = '';
  // Leading optional items carry their own following space; after the first required item,
  // each item brings the space before it.
  let started = false;
  for (const node of nodes) {
    const src = nodeSource(node, skeleton);
    if (node.kind === 'gap') {
      if (!started) throw new PatternError('a clause gap (..) cannot start a pattern');
      out += src;
      continue;
    }
    if (!started) {
      if (node.optional) {
        out += `(?:${src}${SEP})?`;
      } else {
        out += src;
        started = true;
      }
    } else if (JOINED.has(node)) {
      out += node.optional ? `(?:${src})?` : src;
    } else {
      out += node.optional ? `(?:${SEP}${src})?` : `${SEP}${src}`;
    }
  }
  return out;
}

// Words too common to be worth indexing: a pattern is filed under a rarer word it must contain.
const COMMON_WORDS = new Set(
  'a an the is was are were be been being am her his their she he they them him it its this that these those to of in on at for and or with has have had not no as by from up out do does did so if but into than then there'.split(' '),
);

/** The word tokens of a literal word ("didn't" → didn, t; "street-wise" → street, wise, streetwise). */
function tokensOfWord(word: string): string[] {
  const lower = word.toLowerCase();
  const parts: string[] = [...(lower.match(/[\p{L}\p{N}]+/gu) ?? [])];
  if (/[-‐‑–]/.test(lower)) {
    const joined = lower.replace(/[-‐‑–]/g, '').match(/[\p{L}\p{N}]+/u)?.[0];
    if (joined) parts.push(joined);
  }
  return parts;
}

/**
 * An anchor: a set of word tokens one of which any match must contain, chosen to be as rare as
 * possible. A hyphenated word can be written joined ("streetwise") or split ("street wise"), so
 * its anchor is the first part or the joined form.
 */
type Anchor = Set<string>;

function wordAnchor(word: string, plural: boolean): Anchor {
  const anchor = new Set<string>();
  for (const form of plural ? nounForms(word) : [word]) {
    const tokens = tokensOfWord(form);
    if (/[-‐‑–]/.test(form)) {
      tokens.slice(0, 1).forEach((t) => anchor.add(t));
      anchor.add(tokens[tokens.length - 1]);
    } else {
      // The longest token of the word: "didn't" → "didn".
      const longest = tokens.sort((x, y) => y.length - x.length)[0];
      if (longest) anchor.add(longest);
    }
  }
  return anchor;
}

// Words that are not common English but are everywhere in case records and reviews: a pattern
// filed under one of them would run at almost every paragraph (measured on the seeds and the
// bench corpus), so a rarer word of the same pattern is preferred.
const FREQUENT_IN_RECORDS = new Set(
  'home child children risk risks relationship relationships domestic concerns concern contact own family families older back abuse attention sent between looked make missing young physical support against decisions saw mother father mum dad school police social worker people person time said told will would place only man years age meeting things adults'.split(' '),
);

function anchorScore(anchor: Anchor): number {
  // Lower is better: any common word makes the anchor weak, a word frequent in records less so;
  // then fewer and longer tokens win.
  let score = anchor.size;
  for (const t of anchor) {
    if (COMMON_WORDS.has(t)) score += 1000;
    if (FREQUENT_IN_RECORDS.has(t)) score += 20;
    if (t.length <= 2) score += 50;
    score -= Math.min(t.length, 10) / 20;
  }
  return score;
}

function nodeAnchor(node: Node, joinedToNext: boolean): Anchor | null {
  if (joinedToNext) return null; // "alleged(ly)?": the text's token is the joined spelling
  switch (node.kind) {
    case 'word':
      return wordAnchor(node.text, node.plural);
    case 'verb':
      return new Set(verbForms(node.text).flatMap((f) => [...wordAnchor(f, false)]));
    case 'class':
      return new Set(PRONOUN_CLASSES[node.name]);
    case 'any':
    case 'slot':
    case 'gap':
      return null;
    case 'wordclass':
    case 'group': {
      const out = new Set<string>();
      for (const alt of node.alternatives) {
        const a = sequenceAnchor(alt);
        if (!a) return null;
        a.forEach((t) => out.add(t));
      }
      return out;
    }
    case 'focus':
      return sequenceAnchor(node.body);
  }
}

/** The best anchor among a sequence's required items; null when none can be found. */
function sequenceAnchor(nodes: Node[]): Anchor | null {
  return bestAnchor(nodes)?.anchor ?? null;
}

function endsWithHyphen(node: Node | undefined): boolean {
  return node?.kind === 'word' && /[-‐‑–]$/.test(node.text);
}
function startsWithHyphen(node: Node | undefined): boolean {
  return node?.kind === 'word' && /^[-‐‑–]/.test(node.text);
}

/** The best anchor among a sequence's required items, and the index of the item it comes from. */
function bestAnchor(nodes: Node[]): { anchor: Anchor; index: number } | null {
  let best: { anchor: Anchor; index: number } | null = null;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    // A part joined to the one before it is a separate word in the text only after a hyphen
    // ("over-(sexualised|sexualized)"); otherwise the text's token is the joined spelling.
    if (node.optional || (JOINED.has(node) && !endsWithHyphen(nodes[i - 1]))) continue;
    let a = nodeAnchor(node, i + 1 < nodes.length && JOINED.has(nodes[i + 1]) && !startsWithHyphen(nodes[i + 1]));
    // A hyphen in a pattern also matches nothing: "over-sexualised" is also "oversexualised", so the
    // joined spellings are anchors too.
    if (a && JOINED.has(node) && endsWithHyphen(nodes[i - 1])) {
      const stem = (nodes[i - 1] as { text: string }).text.replace(/[-‐‑–]$/, '').toLowerCase().split(/[-‐‑–\s]/).pop()!;
      a = new Set([...a, ...[...a].map((t) => stem + t)]);
    }
    if (a && i + 1 < nodes.length && JOINED.has(nodes[i + 1]) && startsWithHyphen(nodes[i + 1])) {
      const next = (nodes[i + 1] as { text: string }).text.replace(/^[-‐‑–]/, '').toLowerCase().split(/[-‐‑–\s]/)[0];
      a = new Set([...a, ...[...a].map((t) => t + next)]);
    }
    if (a && a.size > 0 && (!best || anchorScore(a) < anchorScore(best.anchor))) best = { anchor: a, index: i };
  }
  return best;
}

// Room allowed for the white space and quotation marks between two items when bounding how far
// before its anchor word a match can start.
const SEPARATOR_ROOM = 40;

/** The most characters an item can take; Infinity when unbounded (any words, a slot, a gap). */
function maxLength(node: Node): number {
  switch (node.kind) {
    case 'word':
      return Math.max(...(node.plural ? nounForms(node.text) : [node.text]).map((w) => w.length)) + 4;
    case 'verb':
      return Math.max(...verbForms(node.text).map((w) => w.length));
    case 'class':
      return Math.max(...PRONOUN_CLASSES[node.name].map((w) => w.length));
    case 'group':
    case 'wordclass':
      return Math.max(...node.alternatives.map(sequenceMaxLength));
    case 'focus':
      return sequenceMaxLength(node.body);
    case 'any':
    case 'slot':
    case 'gap':
      return Infinity;
  }
}

function sequenceMaxLength(nodes: Node[]): number {
  let n = 0;
  for (const node of nodes) n += maxLength(node) + SEPARATOR_ROOM;
  return n;
}

/**
 * How far before its anchor word a match of the pattern can start (the anchor lies within the
 * item it comes from, after the items before it). The matcher starts each search there instead of
 * MAX_MATCH_REACH before the anchor: most patterns are anchored on their first words.
 */
function reachBeforeAnchor(nodes: Node[]): number | undefined {
  const best = bestAnchor(nodes);
  if (!best) return undefined;
  const reach = sequenceMaxLength(nodes.slice(0, best.index)) + maxLength(nodes[best.index]);
  return Number.isFinite(reach) ? reach : undefined;
}

function countFocus(nodes: Node[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.kind === 'focus') n += 1 + countFocus(node.body);
    if (node.kind === 'group' || node.kind === 'wordclass') node.alternatives.forEach((a) => (n += countFocus(a)));
  }
  return n;
}

/** A slot, or a group every alternative of which starts with a slot ("(<adult>|<abuser>) and …"). */
function startsWithSlot(node: Node): boolean {
  if (node.kind === 'slot') return true;
  return node.kind === 'group' && node.alternatives.every((alt) => alt.length > 0 && startsWithSlot(alt[0]));
}

/** The slots a pattern starts with match the person alone (see BARE_SLOTS). */
function markLeadingSlotsBare(node: Node): void {
  if (node.kind === 'slot') BARE_SLOTS.add(node);
  else if (node.kind === 'group' && startsWithSlot(node)) for (const alt of node.alternatives) markLeadingSlotsBare(alt[0]);
}

function hasSlot(nodes: Node[]): boolean {
  return nodes.some((n) =>
    n.kind === 'slot' || ((n.kind === 'group' || n.kind === 'wordclass') && n.alternatives.some(hasSlot)) || (n.kind === 'focus' && hasSlot(n.body)),
  );
}

export function compilePattern(source: string, classes: WordClasses = NO_CLASSES): CompiledPattern {
  const nodes = new Parser(source.trim(), classes).parse();
  if (nodes.length === 0) throw new PatternError(`pattern "${source}" is empty`);
  markLeadingSlotsBare(nodes[0]);
  const focusCount = countFocus(nodes);
  if (focusCount > 1) throw new PatternError(`pattern "${source}": only one [focus] is allowed`);
  if (nodes.every((n) => n.optional)) throw new PatternError(`pattern "${source}": every part is optional`);
  const regex = new RegExp(`${BEFORE_WORD}${sequenceSource(nodes)}${AFTER_WORD}`, PATTERN_FLAGS);
  const usesSlots = hasSlot(nodes);
  let skeleton: RegExp | undefined;
  if (usesSlots) {
    // A leading slot (and the gap after it) is left out of the skeleton: a regex that could start
    // at any word would be tried at every word; the rest of the pattern is still a necessary condition.
    let rest = nodes;
    // Common words left at the front ("and" in "<person> and <child> …") go too: a skeleton is
    // cheapest when it starts with a rarer word.
    while (
      rest.length > 0 &&
      (startsWithSlot(rest[0]) || rest[0].kind === 'gap' || (rest !== nodes && JOINED.has(rest[0])) || (rest[0].kind === 'word' && COMMON_WORDS.has(rest[0].text.toLowerCase())))
    ) {
      rest = rest.slice(1);
    }
    if (rest.length > 0 && !rest.every((n) => n.optional)) {
      skeleton = new RegExp(`${BEFORE_WORD}${sequenceSource(rest, true)}${AFTER_WORD}`, PATTERN_FLAGS);
    }
  }
  return {
    source,
    regex,
    anchor: sequenceAnchor(nodes) ?? new Set(),
    hasFocus: focusCount === 1,
    usesSlots,
    startsWithSlot: startsWithSlot(nodes[0]),
    skeleton,
    reach: reachBeforeAnchor(nodes),
  };
}

/** Flags of every compiled pattern (no `i`: patterns are lower case and run on `forMatching` text). */
export const PATTERN_FLAGS = 'dgu';

/**
 * The text patterns run on: lower case, same length and offsets as the original. (A character
 * whose lower case is longer, like "İ", is kept as it is.)
 */
export function forMatching(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

// The engine's public types. The engine is pure: nothing here may import Node, LSP or VS Code
// modules, so the language server, the CLI and the tests all call the same code.

export const CATEGORY_IDS = [
  'victim-blaming',
  'adultification',
  'minimising',
  'hidden-perpetrator',
  'disbelief',
  'attendance',
  'jargon',
  'child-voice',
  'vague',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/**
 * Categories whose wording a negation reverses ("is not streetwise"): their entries stay silent on
 * negated wording unless they set `skipNegated: false`. For jargon, attendance and vague wording a
 * negation changes nothing ("no unsupervised contact" is still jargon).
 */
export const NEGATION_REVERSES: readonly CategoryId[] = ['victim-blaming', 'adultification', 'minimising', 'disbelief', 'hidden-perpetrator'];

/** Whether an entry stays silent on negated wording (its own `skipNegated`, else its category's default). */
export function skipsNegated(category: CategoryId, skipNegated: boolean | undefined): boolean {
  return skipNegated ?? NEGATION_REVERSES.includes(category);
}

export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** A severity as configured: a level, or `off` to disable. */
export type SeveritySetting = Severity | 'off';

export const PROFILES = ['case-note', 'review'] as const;
export type Profile = (typeof PROFILES)[number];

export type DocumentFormat = 'markdown' | 'plaintext';

/** Where a lexicon entry's evidence comes from: a seed document or published guidance. */
export interface SourceCitation {
  /** Seed file name in shared/seeds, e.g. `000_42dba6364c370fa7.txt`. */
  seed?: string;
  /** Paragraph, learning point or section in the seed or guidance. */
  paragraph?: string;
  publisher?: string;
  title?: string;
  /** Publication date, ISO-like (`2024-11-14`, `2022-07`, `2018`). */
  date?: string;
  url?: string;
}

/** Who a rule is about. */
export type SubjectCondition =
  | 'any' // fire whoever the subject is
  | 'not-professional' // do not fire when a professional, panel or agency is the subject
  | 'child' // fire only when the subject is (or may be) the child
  | 'not-child'; // do not fire when the subject is known to be a child (an adult's act done to a child)

/** Whose age a rule depends on. */
export type AgeCondition =
  | 'any'
  | 'child' // the person is under 18
  | 'under-13' // the person is under 13
  | 'attendance' // the child is younger than the configured attendance age (default 16)
  | 'not-adult'; // the person is not known to be 18 or over (an unknown age fires)

export interface EntryConditions {
  subject?: SubjectCondition;
  age?: AgeCondition;
  /** Profiles in which the entry is active (default: all). */
  profiles?: Profile[];
  /** Fire only when an adult is described close by (e.g. "boyfriend" of a child, aged 24). */
  adultNearby?: boolean;
  /**
   * Fire only when a child is among the people the sentence is about (a child word, a child's
   * name or an age under 18), or, when the sentence names no adult, the document's child is under 18.
   * For wording about two people together ("exchanged images"), where one of them may be an adult.
   */
  childInvolved?: boolean;
  /** Skip when a negation (not, never, no, n't) stands just before the match. */
  skipNegated?: boolean;
  /** Regular expressions tested against the text just before the match (same sentence); any hit skips. */
  notBefore?: string[];
  /** Regular expressions tested against the text just after the match (same sentence); any hit skips. */
  notAfter?: string[];
  /** Regular expressions: fire only if one of them matches somewhere in the same sentence. */
  requireInSentence?: string[];
  /** Regular expressions: stay silent if one of them matches anywhere in the same sentence. */
  notInSentence?: string[];
  /** Regular expressions: fire only if one of them matches somewhere in the same paragraph. */
  requireInParagraph?: string[];
}

/** An example sentence, optionally with the context it is analysed in. */
export type LexiconExample =
  | string
  | { text: string; childAge?: number; profile?: Profile; format?: DocumentFormat };

export interface LexiconExamples {
  /** Texts in which the entry must fire (at least two). */
  fire: LexiconExample[];
  /** Texts in which the entry must not fire (at least one). */
  pass: LexiconExample[];
  /** Front matter / options under which the examples run (e.g. child age, profile). */
  context?: { childAge?: number; profile?: Profile; format?: DocumentFormat };
}

/** One curated lexicon entry, as written in `lexicon/*.yaml`. */
export interface LexiconEntry {
  id: string;
  category: CategoryId;
  /** Phrase patterns (lexicon/README.md). Record-level rules have `check` instead. */
  patterns?: string[];
  /** A record-level rule implemented in code: the module name in server/src/engine/checks/. */
  check?: string;
  conditions?: EntryConditions;
  severity: Severity;
  /** Contested or opt-in entries are shipped switched off; configuration turns them on. */
  enabled?: boolean;
  contested?: boolean;
  message: string;
  why: string;
  rewrites: string[];
  /**
   * Where the first rewrite could change what the record says, it is only offered, never applied
   * by `--fix` or fix-all: a placement "to be considered" is not yet a home. Regexes over the
   * words just before the match and the rest of its sentence (`before` / `after`, case-insensitive).
   */
  fixNotSafe?: { before?: string[]; after?: string[]; reason: string };
  sources: SourceCitation[];
  examples: LexiconExamples;
  /** Added at load: the file and line the entry came from. */
  origin?: { file: string; line: number };
}

/** A character range in the document, as offsets and 0-based line/character (UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}

export interface Finding {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  /** The message in plain words, naming the category. */
  message: string;
  /** Why it matters, one or two sentences. */
  why: string;
  /** UTF-16 offset and length of the flagged text. */
  offset: number;
  length: number;
  start: Position;
  end: Position;
  /** The flagged text exactly as written. */
  text: string;
  /** Ranked replacements for the flagged text; `[adult]`-style placeholders mark unknown facts. */
  suggestions: string[];
  /** Set when the first suggestion could change the meaning here (the entry's `fixNotSafe`): offered, never applied automatically. */
  fixNotSafe?: string;
  sources: SourceCitation[];
}

/** A finding that an inline `heard-disable…` comment switched off, with the reason given. */
export interface SuppressedFinding {
  finding: Finding;
  reason: string;
  /** Line (0-based) of the comment that suppressed it. */
  directiveLine: number;
}

/** The project configuration, as written in `.heard.yaml` or given by editor settings / CLI flags. */
export interface HeardConfig {
  profile?: Profile;
  childAge?: number;
  /** Children younger than this are "not brought" rather than "did not attend" (default 16). */
  attendanceAge?: number;
  /** Per-rule severity or `off`; `on` re-enables an entry shipped disabled. */
  rules?: Record<string, SeveritySetting | 'on'>;
  /** Per-category severity or `off`. */
  categories?: Partial<Record<CategoryId, SeveritySetting>>;
  /** Glob → profile, first match wins (paths relative to the config file). */
  profiles?: Array<{ files: string | string[]; profile: Profile }>;
  /** Extra lexicon files (an organisation's own entries), layered over the core; same id overrides. */
  lexicon?: string[];
  /** Phrases that are never flagged (case-insensitive). */
  allow?: string[];
  /** Paths or globs the CLI skips. */
  ignore?: string[];
  /** Record-level checks (child's voice, who did what, jargon, attendance). */
  checks?: Record<string, SeveritySetting | 'on' | Record<string, unknown>>;
  /** A line that separates records in a plain-text export (regular expression). */
  recordSeparator?: string;
  /** Files larger than this many bytes are skipped (editor and CLI). */
  maxFileSize?: number;
}

export interface AnalyseOptions {
  format?: DocumentFormat;
  /** Profile chosen by configuration; front matter `profile:` in the document wins. */
  profile?: Profile;
  /** Child's age from configuration; front matter `child-age:` wins; otherwise inferred from the text. */
  childAge?: number;
  config?: HeardConfig;
}

export interface AnalysisResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** The profile and child's age actually used, and where they came from. */
  profile: Profile;
  childAge?: number;
  childAgeSource?: 'front-matter' | 'config' | 'text';
}

// Who a clause is about: professionals (including the author, "I"/"we"), adults in the child's
// life, or the child. Word lists, capitalised names and the document's own age mentions decide;
// a pronoun is resolved to the nearest earlier person of a compatible gender in the paragraph.
import { forMatching, LETTER } from '../patterns';
import { wordInfo, type WordModel } from '../wordModel';
import { countBefore, firstStartingFrom, within, type Span } from '../text';

export type PersonKind = 'professional' | 'adult' | 'child' | 'unknown';
type Gender = 'f' | 'm' | undefined;

export interface PersonRef {
  kind: PersonKind;
  /**
   * What the role word says beyond the kind: "the perpetrator" harms, "the victim" is harmed; a
   * mother, grandmother, aunt or carer is read as caring for the child (not an <abuser> slot).
   */
  role?: 'abuser' | 'victim' | 'carer';
  start: number;
  end: number;
  text: string;
  gender: Gender;
  pronoun: boolean;
  /** Lower-cased name, for people the document names. */
  name?: string;
  /** The age written as the person ("the 13-year-old"), when it is. */
  age?: number;
  /** A capitalised word at the start of a sentence that may not be a name: not marked for person slots. */
  uncertain?: boolean;
}

// Case-insensitive role words. Longer alternatives first so "social worker" wins over "worker".
const PROFESSIONAL_WORDS = [
  "children's social care", 'local authority', 'youth offending team', 'social workers?', 'health visitors?',
  'school nurses?', 'police officers?', 'probation officers?', 'youth workers?', 'key ?workers?', 'team managers?',
  'head ?teachers?', 'foster carers?', 'practitioners?', 'managers?', 'workers?', 'panel', 'reviewers?', 'author',
  'police', 'officers?', 'detectives?', 'constables?', 'teachers?', 'school', 'college', 'nurses?', 'doctors?',
  'paediatricians?', 'midwi(?:fe|ves)', 'consultants?', 'clinicians?', 'therapists?', 'psychologists?',
  'psychiatrists?', 'agenc(?:y|ies)', 'services?', 'professionals?', 'staff', 'team', 'department', 'council',
  'partnership', 'board', 'chair', 'coordinators?', 'assessors?', 'advocates?', 'court', 'judge', 'magistrates?',
  'solicitors?', 'clinic', 'hospital', 'review',
];
// Case-sensitive: acronyms and the author's own voice.
const PROFESSIONAL_ACRONYMS = [
  'SWs?', 'PCs?', 'DCs?', 'DSs?', 'DSLs?', 'HVs?', 'GPs?', 'Dr', 'CAMHS', 'IROs?', 'YOT', 'IDVAs?', 'ISVAs?', 'CSC',
  'MASH', 'I', 'We', 'we',
];
const ADULT_WORDS: Array<[string, Gender, PersonRef['role']?]> = [
  ['step-?(?:father|dad)', 'm'], ['step-?(?:mother|mum)', 'f'], ['grand(?:mother|ma|mum)|gran|nan|nanna', 'f', 'carer'],
  ['grand(?:father|pa|dad)|grandad', 'm'], ['mother|mum|mummy|mom', 'f', 'carer'], ['father|dad|daddy', 'm'],
  ['aunt|auntie', 'f', 'carer'], ['uncle', 'm'], ['carers?', undefined, 'carer'], ['parents?|partner|adults?|neighbour|landlord|lodger|famil(?:y|ies)', undefined],
  ['man|men|husband', 'm'], ['woman|women|wife', 'f'],
];
// Adults named by what they did: the slot <abuser> takes them first.
const ABUSER_WORDS =
  'abusers?|perpetrators?|offenders?|suspects?|groomers?|exploiters?|attackers?|assailants?|rapists?|paedophiles?|pedophiles?|predators?|traffickers?|abductors?';
// Words that give a person's gender but not whether they are a child or an adult; and two people
// together ("the pair", "the couple"), who may be an adult and a child.
const GENDERED_WORDS: Array<[string, Gender]> = [['boyfriend', 'm'], ['girlfriend', 'f'], ['pair|couple', undefined]];
const CHILD_WORDS: Array<[string, Gender]> = [
  ['young (?:person|people)|children|child|siblings?|baby|babies|infants?|toddlers?|teenagers?|teen|pupils?|students?|youngsters?|adolescents?|kids?|juveniles?', undefined],
  ['girls?|daughters?|sisters?|schoolgirls?', 'f'], ['boys?|sons?|brothers?|schoolboys?', 'm'],
];
// The person harmed. In a child-focused record that is usually the child, as the kind says.
const VICTIM_WORDS = 'victims?|survivors?|complainants?';
const TITLE_ADULT: Array<[string, Gender]> = [['Mr', 'm'], ['Mrs|Ms|Miss', 'f']];

const SUBJECT_PRONOUNS: Record<string, Gender | 'any'> = { she: 'f', he: 'm', they: 'any' };

// Word endings of adjectives and common nouns ("Unable", "Sexual", "Indicators", "Exploitation"):
// such a word at the start of a sentence is probably not a name, unless it is a known first name.
const NOT_NAME_SHAPED = /(?:able|ible|ful|less|ous|ive|ise|ize|al|ion|ions|ors|ers|ity|ities|ment|ments|ness|ing|ed|ly|ics|ism|ist|ists|ies|ance|ence)$/;

// Capitalised words that are not names even when they look like one.
const NOT_NAMES = new Set(
  (
    'The A An And But Or So If When While Whilst After Before During On In At By For From To Of With Without This That ' +
    'These Those There Here Then Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'January February March April May June July August September October November December She He They It Her His ' +
    'Their Its We Our You Your My Me Him Them As Also However Although Because Since Until Following Further Further ' +
    'No Not Yes All Some Any Both Each Every Several Many Most Other Another One Two Three Four Five Six Seven Eight ' +
    'Nine Ten Year Years Page Section Appendix Learning Point Recommendation Summary Background Introduction Notes Note ' +
    'Visit Home School Meeting Strategy Police Health Review Panel Child Children Mum Dad Mother Father Professional ' +
    'Social Safeguarding Local Council Authority England UK British English Christmas Easter Did Was Were Is Are Has ' +
    'Have Had Will Would Could Should Can May Might Must Who What Where Why How Which Whose Agreed Actions Action ' +
    'Plan Outcome Present Discussed Concerns Concern Update Information Observed Seen Spoke Telephone Call Email Text'
  ).split(' '),
);

interface RoleGroup {
  kind: PersonKind;
  gender: Gender;
  role?: PersonRef['role'];
}

interface Matcher {
  re: RegExp;
  kind: PersonKind;
  gender: Gender;
  /** The matched text is itself a name ("Child L"). */
  named?: boolean;
}

// Role words are matched by one regex with a group per word list, run on the paragraph lowered by
// `forMatching` without the `i` and `u` flags: one scan instead of seventeen, and V8 runs such a
// regex several times faster. Lists that can match at the same place come first when longer
// ("children's social care" before "children").
const ROLE_GROUPS: RoleGroup[] = [];
function buildRoleRegex(): RegExp {
  const lists: Array<[string, PersonKind, Gender, PersonRef['role']?]> = [
    [PROFESSIONAL_WORDS.join('|'), 'professional', undefined],
    [ABUSER_WORDS, 'adult', undefined, 'abuser'],
    ...ADULT_WORDS.map(([w, g, role]): [string, PersonKind, Gender, PersonRef['role']?] => [w, 'adult', g, role]),
    [VICTIM_WORDS, 'child', undefined, 'victim'],
    ...CHILD_WORDS.map(([w, g]): [string, PersonKind, Gender] => [w, 'child', g]),
    ...GENDERED_WORDS.map(([w, g]): [string, PersonKind, Gender] => [w, 'unknown', g]),
  ];
  const groups = lists.map(([words, kind, gender, role]) => {
    // The match's group number says which list it came from: the lists' own groups must not capture.
    if (new RegExp(`|${words}`).exec('')!.length > 1) throw new Error(`role words must use (?:…) groups: ${words}`);
    ROLE_GROUPS.push({ kind, gender, role });
    return `(${words})`;
  });
  return new RegExp(`(?<![${LETTER}0-9])(?:${groups.join('|')})(?![${LETTER}0-9])`, 'g');
}
const ROLE_WORDS = buildRoleRegex();

// Institutions count as professionals for who a clause is about ("the school decided"), but they
// are not marked for person slots: they are too often the first word of a noun ("hospital appointment").
const INSTITUTION = /^(?:school|college|hospital|clinic|review|team|services?|board|council|department|partnership|panel|court|agenc(?:y|ies)|police|staff|local authority|children's social care|youth offending team)$/;

/** Whether a reference is to an institution rather than a person (not marked for person slots). */
export function isInstitution(text: string): boolean {
  return INSTITUTION.test(text.toLowerCase());
}

/** Whether a word (or phrase) is a person word the people model marks for slots ("children", "mum"). */
export function isPersonWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (INSTITUTION.test(lower)) return false;
  ROLE_WORDS.lastIndex = 0;
  const m = ROLE_WORDS.exec(lower);
  return !!m && m.index === 0 && m[0].length === lower.length;
}

function buildMatchers(): Matcher[] {
  const cs = (words: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])`, 'gu');
  const matchers: Matcher[] = [{ re: cs(PROFESSIONAL_ACRONYMS.join('|')), kind: 'professional', gender: undefined }];
  // "Mr Doyle", "Ms A": a title and a name are one adult.
  for (const [w, g] of TITLE_ADULT) {
    matchers.push({ re: new RegExp(`(?<![\\p{L}])(?:${w})\\.?\\s+[A-Z][\\p{L}'’-]*`, 'gu'), kind: 'adult', gender: g });
  }
  // "Child L", "Child Q": anonymised children in reviews.
  matchers.push({ re: /(?<![\p{L}])Child [A-Z](?![\p{L}])/gu, kind: 'child', gender: undefined, named: true });
  return matchers;
}
const MATCHERS = buildMatchers();
const NAME = /(?<![\p{L}\p{N}'’-])[A-Z][\p{Ll}]+(?:[-'’][A-Z][\p{Ll}]+)?(?![\p{L}])/gu;
const PRONOUN = new RegExp(`(?<![${LETTER}])(?:she|he|they)(?![${LETTER}'’])`, 'g');
const SENTENCE_INITIAL = /(?:^|[.!?:;]["'”’)]*\s+|\n\s*)$/;

/** Named people the document tells us about: name → age (from "Amira (14)", "Jez, 17,", …). */
export type PeopleTable = Map<string, number>;

/** Every person reference in a paragraph, in order. Overlaps keep the earliest, longest match. */
export function personRefs(text: string, people: PeopleTable, words: WordModel, lower = forMatching(text)): PersonRef[] {
  const refs: PersonRef[] = [];
  ROLE_WORDS.lastIndex = 0;
  for (let r = ROLE_WORDS.exec(lower); r; r = ROLE_WORDS.exec(lower)) {
    let g = 1;
    while (r[g] === undefined) g++;
    const { kind, gender, role } = ROLE_GROUPS[g - 1];
    refs.push({ kind, role, start: r.index, end: r.index + r[0].length, text: text.slice(r.index, r.index + r[0].length), gender, pronoun: false });
  }
  for (const m of MATCHERS) {
    m.re.lastIndex = 0;
    for (let r = m.re.exec(text); r; r = m.re.exec(text)) {
      const name = m.named ? r[0].toLowerCase() : undefined;
      refs.push({ kind: m.kind, start: r.index, end: r.index + r[0].length, text: r[0], gender: m.gender, pronoun: false, name });
    }
  }
  PRONOUN.lastIndex = 0;
  for (let r = PRONOUN.exec(lower); r; r = PRONOUN.exec(lower)) {
    const g = SUBJECT_PRONOUNS[r[0]];
    refs.push({ kind: 'unknown', start: r.index, end: r.index + r[0].length, text: text.slice(r.index, r.index + r[0].length), gender: g === 'any' ? undefined : g, pronoun: true });
  }
  NAME.lastIndex = 0;
  for (let r = NAME.exec(text); r; r = NAME.exec(text)) {
    if (NOT_NAMES.has(r[0])) continue;
    const name = r[0].toLowerCase();
    const age = people.get(name);
    const info = wordInfo(words, r[0]);
    const sentenceInitial = SENTENCE_INITIAL.test(text.slice(Math.max(0, r.index - 4), r.index));
    // At the start of a sentence any word is capitalised: "Went …", "Later …" are not names.
    if (sentenceInitial && age === undefined && !info.nounLike) continue;
    const kind: PersonKind = age === undefined ? 'unknown' : age < 18 ? 'child' : 'adult';
    // A capitalised first word shaped like an adjective ("Unable to contact …", "Careful …") that is
    // neither a known first name nor a name the document gives an age is probably not a name.
    const uncertain = sentenceInitial && age === undefined && !info.gender && NOT_NAME_SHAPED.test(name);
    refs.push({ kind, start: r.index, end: r.index + r[0].length, text: r[0], gender: info.gender, pronoun: false, name, uncertain });
  }
  refs.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PersonRef[] = [];
  for (const ref of refs) {
    const last = kept[kept.length - 1];
    if (last && ref.start < last.end) continue;
    const between = last ? text.slice(last.end, ref.start) : '';
    // "PC Khan", "DS Khan", "Dr Jones": a professional's title and name are one professional.
    if (last && last.kind === 'professional' && !last.pronoun && /^[A-Z][A-Za-z]{0,3}$/.test(last.text) && ref.name && /^ $/.test(between)) {
      last.end = ref.end;
      last.text = text.slice(last.start, ref.end);
      continue;
    }
    // "Jay Carter": consecutive names are one person (known by the last name, as ages are).
    if (last?.name && ref.name && !last.pronoun && /^ $/.test(between)) {
      last.end = ref.end;
      last.text = text.slice(last.start, ref.end);
      last.name = ref.name;
      last.gender ??= ref.gender;
      if (people.has(ref.name)) last.kind = ref.kind;
      continue;
    }
    // "her boyfriend, Jay Carter": a name in apposition takes the role word's gender.
    if (last && !last.pronoun && last.gender && ref.name && !ref.gender && /^,?\s$|^, $/.test(between)) {
      ref.gender = last.gender;
      if (last.kind === 'unknown') {
        kept.pop();
      }
    }
    kept.push(ref);
  }
  return kept;
}

// Plural and collective references ("staff", "the police", "agencies") are never "she" or "he".
const PLURAL_OR_COLLECTIVE = /(?:s|staff|police|team|panel|board|council|partnership|department|children|people|men|women)$/i;
// "The carer said she …", "staff think he …": after a professional's speech or thought verb, the
// pronoun is someone else (professionals do not report on themselves in the third person). A parent
// or child saying "she …" may mean themselves, so they keep the pronoun.
const REPORTING_VERB_BETWEEN = /(?<![\p{L}])(?:said|says|told|tells|thinks|think|thought|believes|believe|believed|felt|feels|reported|reports|stated|states|explained|claims|claimed|alleged|described|suspects|suspected|worried|worries|knows|knew|asked)(?![\p{L}])/iu;

/**
 * How many references back a pronoun looks for the person it stands for. Far more than any real
 * paragraph needs, and it bounds the work: a paragraph of thousands of pronouns with nobody they
 * could stand for ("she chose, she chose, …") made every pronoun look back through all the others.
 */
export const PRONOUN_LOOKBACK = 100;

const PHRASE_AFTER_VERB = /(?<![\p{L}])(?:by|to|with|from)\s+(?:the\s+|a\s+|an\s+|their\s+|her\s+|his\s+)?(?:[\p{L}-]+\s+)?$/iu;

/** The nearest person before `index`, in the pronoun's sentence, who is not a professional and could be meant. */
function earlierInSentence(refs: PersonRef[], index: number, pronoun: PersonRef, text: string): PersonRef | undefined {
  for (let j = index - 1; j >= Math.max(0, index - PRONOUN_LOOKBACK); j--) {
    const earlier = refs[j];
    if (/[.!?]\s/.test(text.slice(earlier.end, pronoun.start))) return undefined;
    if (earlier.pronoun || (pronoun.gender && earlier.gender && earlier.gender !== pronoun.gender)) continue;
    if (earlier.kind !== 'professional') return earlier;
  }
  return undefined;
}

// "Concerns were raised by her grandmother, she …": the agent of a passive written as someone's
// relative is not the "she" that follows; the "her" it belongs to is.
const BY_POSSESSED = /(?<![\p{L}])by\s+(her|his)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?$/iu;
function possessedAgent(candidate: PersonRef, pronoun: PersonRef, text: string): boolean {
  if (candidate.name || !pronoun.gender) return false;
  const m = BY_POSSESSED.exec(text.slice(Math.max(0, candidate.start - 12), candidate.end));
  return !!m && (m[1].toLowerCase() === 'her' ? 'f' : 'm') === pronoun.gender;
}

export function resolvePronoun(refs: PersonRef[], index: number, text: string): PersonKind {
  const pronoun = refs[index];
  const singular = pronoun.text.toLowerCase() !== 'they';
  for (let i = index - 1; i >= Math.max(0, index - PRONOUN_LOOKBACK); i--) {
    const candidate = refs[i];
    if (candidate.pronoun) continue;
    if (pronoun.gender && candidate.gender && candidate.gender !== pronoun.gender) continue;
    if (singular && candidate.name === undefined && PLURAL_OR_COLLECTIVE.test(candidate.text) && !/ss$/i.test(candidate.text)) continue;
    if (i === index - 1 && candidate.kind === 'professional' && REPORTING_VERB_BETWEEN.test(text.slice(candidate.end, pronoun.start))) continue;
    if (possessedAgent(candidate, pronoun, text)) continue;
    // "Child T was not seen by the paediatrician because she …": a professional of no stated
    // gender inside a phrase after the verb is less likely to be meant than the clause's subject
    // earlier in the same sentence.
    if (candidate.kind === 'professional' && !candidate.gender && PHRASE_AFTER_VERB.test(text.slice(Math.max(0, candidate.start - 60), candidate.start))) {
      const subject = earlierInSentence(refs, i, pronoun, text);
      if (subject) return subject.kind;
    }
    return candidate.kind;
  }
  return 'unknown';
}

/**
 * How many references end at or before `offset`: references are in text order and do not overlap,
 * so their ends are in order too, and a binary search finds the last one before a point.
 */
export function refsEndingBy(refs: readonly PersonRef[], offset: number): number {
  return countBefore(refs, (ref) => ref.end <= offset);
}

/** Adults a text names ("Ms Hughes", "Mr Doyle", "Mum"), as written, at most two. */
export function namedAdults(text: string, people: PeopleTable, words: WordModel): string[] {
  const refs = personRefs(text, people, words).filter((r) => r.kind === 'adult' && !r.pronoun && (/^\p{Lu}/u.test(r.text) || r.name));
  return [...new Set(refs.map((r) => r.text))].slice(0, 2);
}

/**
 * Whom a possessive right before `offset` refers to ("her partner", "his girlfriend"): the
 * nearest earlier person of that gender. Undefined when there is no possessive.
 */
export function possessorAt(refs: PersonRef[], text: string, offset: number): PersonKind | undefined {
  // "Jayden's risk-taking", "the officer's behaviour": a person's possessive right before the words.
  const owner = /['’]s\s+["“‘']?(?:[\p{L}-]+\s+)?$/u.exec(text.slice(Math.max(0, offset - 40), offset));
  if (owner) {
    const at = offset - owner[0].length;
    const endingBy = refsEndingBy(refs, at);
    const last = refs[endingBy - 1];
    const ref = last && last.end === at && !last.pronoun ? last : undefined;
    // "Child S's mother failing to engage": the possessive belongs to the person word after it.
    if (ref && !startsBetween(refs, at, offset)) return ref.kind;
  }
  const m = /(?<![\p{L}])(her|his)\s+["“‘']?(?:[\p{L}-]+\s+)?$/iu.exec(text.slice(Math.max(0, offset - 40), offset));
  if (!m) return undefined;
  const at = offset - m[0].length;
  // "Her mother knew …": the possessive belongs to a person word between it and the words.
  if (startsBetween(refs, at, offset)) return undefined;
  const gender: Gender = m[1].toLowerCase() === 'her' ? 'f' : 'm';
  const synthetic: PersonRef = { kind: 'unknown', start: at, end: at + m[1].length, text: m[1], gender, pronoun: true };
  // All that resolvePronoun reads: the last PRONOUN_LOOKBACK references before the possessive.
  const endingBy = refsEndingBy(refs, at);
  const before = refs.slice(Math.max(0, endingBy - PRONOUN_LOOKBACK), endingBy);
  return resolvePronoun([...before, synthetic], before.length, text);
}

/** Whether a reference starts strictly between `after` and `before`. */
function startsBetween(refs: readonly PersonRef[], after: number, before: number): boolean {
  const i = firstStartingFrom(refs, after + 1);
  return i < refs.length && refs[i].start < before;
}

/**
 * The kind of person the clause holding `offset` is about: the nearest person reference before
 * it in the same sentence (a pronoun is resolved backwards through the paragraph). `none` when
 * the sentence names nobody before the match.
 */
export function subjectAt(refs: PersonRef[], sentence: Span, offset: number, text: string): PersonKind | 'none' {
  let fallback: PersonKind | undefined;
  for (let i = refsEndingBy(refs, offset) - 1; i >= 0; i--) {
    const ref = refs[i];
    if (ref.start < sentence.start) break;
    const kind = ref.pronoun ? resolvePronoun(refs, i, text) : ref.kind;
    // "Young people who run away from their foster carers put themselves …": a person after a
    // preposition is not the clause's subject; look further back, keeping it if there is no other.
    if (!ref.pronoun && AFTER_PREPOSITION.test(text.slice(Math.max(sentence.start, ref.start - 40), ref.start))) {
      fallback ??= kind;
      continue;
    }
    return kind;
  }
  return fallback ?? 'none';
}

const AFTER_PREPOSITION =
  /(?<![\p{L}])(?:from|to|with|by|at|in|into|of|for|about|towards?|against|without|near|behind|around|under|over|between|among|than|via|onto|upon)\s+(?:(?:the|a|an|her|his|their|its|this|that|these|those|my|our)\s+)?(?:[\p{L}'’-]+\s+){0,2}$/iu;

/** The person reference nearest before `offset` in the sentence, if any. */
export function nearestRefBefore(refs: PersonRef[], sentence: Span, offset: number): PersonRef | undefined {
  const ref = refs[refsEndingBy(refs, offset) - 1];
  return ref && ref.start >= sentence.start ? ref : undefined;
}

/** As `nearestRefBefore` over the references not marked uncertain. */
function nearestCertainRefBefore(refs: PersonRef[], sentence: Span, offset: number): PersonRef | undefined {
  for (let i = refsEndingBy(refs, offset) - 1; i >= 0; i--) {
    const ref = refs[i];
    // An earlier reference, certain or not, starts before the sentence too.
    if (ref.start < sentence.start) return undefined;
    if (!ref.uncertain) return ref;
  }
  return undefined;
}

// Plural person words that, bare or indefinite, speak of people in general ("children who …").
export const PLURAL_PEOPLE = /^(?:children|young\s+people|people|teenagers|teens|adolescents|girls|boys|pupils|students|youngsters|kids|siblings|babies|victims|survivors|parents|families|carers|women|men|adults)$/iu;
// Age bands ("13 to 15 year-olds").
const AGE_BAND = /(?<![\p{L}])\d{1,2}[- ]?(?:to[- ]\d{1,2}[- ])?years?[- ]olds(?![\p{L}])/iu;
/** Ends with a definite, possessive or counting word (and perhaps one modifier): "the", "her", "these two" make particular people. */
export const PARTICULAR_BEFORE = /(?<![\p{L}])(?:the|these|those|her|his|their|our|both|all\s+three|all\s+four|two|three|four|five|several)\s+(?:[\p{L}-]+\s+)?$/iu;
/** Ends with an indefinite or quantifying word (and perhaps one modifier): "a", "any", "many" speak of anyone. */
export const INDEFINITE_BEFORE = /(?<![\p{L}])(?:a|an|any|every|each|some|all|many|most|no)\s+(?:[\p{L}-]+\s+)?$/iu;
const PAST_OR_PARTICULAR_TIME = /(?<![\p{L}])(?:was|were|had|did|yesterday|last\s+(?:week|month|year|night)|in\s+(?:19|20)\d\d)(?![\p{L}])/iu;

/**
 * Whether words at [start, end) are about people in general, in the present: "young people who are
 * sexually active will …", "advice on sexually active 14 and 15 year-olds", "a child who …".
 * The person word within the words, else nearest before them in the sentence, else the first after
 * is a plural or indefinite child word, not made particular by "the", "her", "these"; and the
 * sentence does not tell of the past.
 */
export function aboutPeopleInGeneral(refs: PersonRef[], text: string, sentence: Span, start: number, end: number): boolean {
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (PAST_OR_PARTICULAR_TIME.test(sentenceText)) return false;
  if (AGE_BAND.test(sentenceText)) return true;
  // References not marked uncertain, looked up around the words rather than filtered from the
  // whole paragraph for every candidate.
  const inside = within(refs, start, end).find((r) => !r.uncertain && !r.pronoun);
  const ref = inside ?? nearestCertainRefBefore(refs, sentence, start) ?? within(refs, end, sentence.end).find((r) => !r.uncertain);
  // A sentence in the present that names nobody ("sexual exploitation may involve …") is general.
  if (!ref || ref.uncertain) return !within(refs, sentence.start, sentence.end).some((r) => !r.uncertain);
  if (ref.pronoun || ref.name) return false;
  const lead = text.slice(sentence.start, ref.start);
  if (PLURAL_PEOPLE.test(ref.text)) return !PARTICULAR_BEFORE.test(lead);
  return ref.kind === 'child' && INDEFINITE_BEFORE.test(lead);
}

/** References starting in [from, to). */
function startingIn(refs: readonly PersonRef[], from: number, to: number): PersonRef[] {
  const out: PersonRef[] = [];
  for (let i = firstStartingFrom(refs, from); i < refs.length && refs[i].start < to; i++) out.push(refs[i]);
  return out;
}

// "the 13-year-old", "a 28-year-old man": an age written as a person, or qualifying the person word after it.
export const AGE_AS_PERSON = /^\d{1,2}[- ]year[- ]old$/i;

/** Adds the ages written as people ("met the 14-year-old online") to a paragraph's person references. */
export function withAgePeople(refs: PersonRef[], text: string, ages: Array<{ age: number; start: number; end: number }>): PersonRef[] {
  const added: PersonRef[] = [];
  for (const a of ages) {
    const written = text.slice(a.start, a.end);
    if (!AGE_AS_PERSON.test(written)) continue;
    // "a 17-year-old man", "a 14-year-old Derry girl": the person word that follows is the person.
    if (/^\s+(?:[\p{L}-]+\s+)?(?:[\p{L}-]+)/u.test(text.slice(a.end, a.end + 200)) && startingIn(refs, a.end, a.end + 17).some((r) => !r.pronoun)) continue;
    // Overlapping a reference: the first reference ending after the age's start is the only candidate.
    const next = refs[refsEndingBy(refs, a.start)];
    if (next && next.start < a.end) continue;
    added.push({ kind: a.age < 18 ? 'child' : 'adult', start: a.start, end: a.end, text: written, gender: undefined, pronoun: false, age: a.age });
  }
  if (added.length === 0) return refs;
  return [...refs, ...added].sort((x, y) => x.start - y.start);
}

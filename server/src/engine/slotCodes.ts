// How person slots (`<child>`, `<adult>`, …) meet the text. Before a pattern with a slot runs, each
// person the paragraph mentions (a name, a role noun, a pronoun: context/slots.ts finds them) is
// overwritten, in a copy of the lowered paragraph of the same length, by one private-use character
// saying what kind of person it is, followed by filler characters. A slot then compiles to "a
// determiner and up to two modifiers, then one of the characters of my kind". Offsets do not move,
// so a match in the marked copy is a match in the paragraph.
//
// No imports: patterns.ts (compiling) and context/slots.ts (marking) both use these codes.

/** What a person can be, as bits of the code character. */
export const PERSON_TYPES = {
  person: 1,
  child: 2,
  adult: 4,
  professional: 8,
  abuser: 16,
  victim: 32,
  /** A common noun ("the girl", "her partner", "a 14-year-old"): it may have a determiner and modifiers. Names and pronouns do not. */
  noun: 64,
} as const;
export type PersonType = keyof typeof PERSON_TYPES;

/** The slot names a pattern may use, and the type each requires. */
export const SLOT_NAMES: readonly PersonType[] = ['person', 'child', 'adult', 'professional', 'abuser', 'victim'];
const TYPE_BITS = 128;

const CODE_BASE = 0xe000;
/** Fills the rest of a marked person's span. */
export const SLOT_FILLER = '\ue080';

/** The character that marks a person with these type bits. */
export function slotCode(bits: number): string {
  return String.fromCharCode(CODE_BASE + (bits & (TYPE_BITS - 1)));
}

/** A regex character class matching the code of every person that has the type (and is, or is not, a common noun; or either). */
export function slotCodeClass(type: PersonType, noun: boolean | 'either'): string {
  const bit = PERSON_TYPES[type];
  let out = '';
  for (let bits = 0; bits < TYPE_BITS; bits++) {
    if (bits & bit && (noun === 'either' || !!(bits & PERSON_TYPES.noun) === noun)) out += `\\u${(CODE_BASE + bits).toString(16)}`;
  }
  return `[${out}]`;
}

/** Any marked person, with its filler (used for possessives: "Lucy's boyfriend"). */
export const ANY_MARKED_PERSON = `[\\u${CODE_BASE.toString(16)}-\\u${(CODE_BASE + TYPE_BITS - 1).toString(16)}]${SLOT_FILLER}*`;

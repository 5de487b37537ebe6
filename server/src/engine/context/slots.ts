// The people a paragraph mentions, typed for person slots (`<child>`, `<adult>`, `<abuser>`,
// `<victim>`, `<professional>`, `<person>`), and the paragraph with each of them marked (see
// slotCodes.ts). Built only for paragraphs where a pattern with a slot has met its anchor word.
import { PERSON_TYPES, SLOT_FILLER, slotCode } from '../slotCodes';
import type { AgeMention } from './age';
import { AGE_AS_PERSON, PRONOUN_LOOKBACK, isInstitution, resolvePronoun, type PersonKind, type PersonRef } from './people';
import { firstStartingFrom } from '../text';

export interface SlotPerson {
  start: number;
  end: number;
  /** PERSON_TYPES bits. */
  types: number;
}

const { person, child, adult, professional, abuser, victim, noun } = PERSON_TYPES;

// Object pronouns. "her" is also a possessive ("her partner"): it is a person only where the next
// word cannot be the noun it would qualify.
const OBJECT_PRONOUN = /(?<![\p{L}'’-])(him|them|her)(?![\p{L}'’-])/giu;
const NOT_A_NOUN_AFTER_HER = new Set(
  (
    'back in out up down off over away home to into onto at from with without and or but that the a an this these those ' +
    'some any if when because so as about for on again alone around after before until while though by through there here ' +
    'now then later today yesterday tomorrow once twice too also very more less just not is was were be being his their my ' +
    'your our its him them me us it what how why where who safe to'
  ).split(' '),
);
// An age right after a person: "Leo (3)", "Dean, 29,", "Amira, aged 14,".
const AGE_AFTER = /^(?:\s*\((?:aged?\s+)?\d{1,2}(?:\s*(?:yrs?|years?))?\)|,\s*(?:aged?\s+)?\d{1,2}(?:\s*(?:yrs?|years?(?:\s+old)?))?,)/i;

function typesOf(kind: PersonKind | 'none', role: PersonRef['role'], isChildName: boolean): number {
  if (kind === 'professional') return person | professional;
  // A child in a child-focused record is the person harmed, whatever the word.
  if (kind === 'child' || isChildName) return person | child | victim;
  if (kind === 'adult') return role === 'abuser' ? person | adult | abuser : role === 'carer' ? person | adult | victim : person | adult | abuser | victim;
  // A name or pronoun the document does not place: it may be the abuser or the person harmed, but
  // it fills neither <adult> nor <child>, which need the person's age or role to be known.
  return person | abuser | victim;
}

/**
 * The candidates an object pronoun may stand for, by kind of pronoun, each list in text order.
 * `before(offset)` gives the last PRONOUN_LOOKBACK of them ending by `offset` (all that
 * `resolvePronoun` reads) with a binary search, rather than filtering every reference again for
 * every pronoun, which was quadratic in a long paragraph.
 */
class PronounPools {
  private readonly lists = new Map<string, PersonRef[]>();
  constructor(private readonly refs: PersonRef[]) {}

  get(key: string): { before(offset: number): PersonRef[] } {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = this.refs.filter(PronounPools.test(key))));
    const found = list;
    return {
      before(offset: number): PersonRef[] {
        // References do not overlap, so ends are in order too.
        let lo = 0;
        let hi = found.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (found[mid].end <= offset) lo = mid + 1;
          else hi = mid;
        }
        return found.slice(Math.max(0, lo - PRONOUN_LOOKBACK), lo);
      },
    };
  }

  private static test(key: string): (r: PersonRef) => boolean {
    const [pool, gender] = key.split(':');
    if (pool === 'same') return (r) => !r.pronoun && r.gender === gender;
    if (pool === 'notProfessional') return (r) => !r.pronoun && r.kind !== 'professional' && (!gender || !r.gender || r.gender === gender);
    return () => true;
  }
}

/** Every person in the paragraph, typed, in order and without overlaps. */
export function slotPeople(text: string, refs: PersonRef[], ages: AgeMention[], childName: string | undefined): SlotPerson[] {
  const out: SlotPerson[] = [];
  const childNameLower = childName?.toLowerCase();
  // "a 17-year-old man": an age right before a person word gives that person's age. (Ages written
  // as a person, "met the 14-year-old online", are already among the references.)
  const ageBefore = new Map<number, number>();
  for (const a of ages) {
    if (!AGE_AS_PERSON.test(text.slice(a.start, a.end))) continue;
    let next: PersonRef | undefined;
    for (let i = firstStartingFrom(refs, a.end); i < refs.length && refs[i].start - a.end <= 12 && !next; i++) {
      if (/^\s+(?:[\p{L}-]+\s+)?$/u.test(text.slice(a.end, refs[i].start))) next = refs[i];
    }
    if (next && !next.pronoun) ageBefore.set(next.start, a.age);
  }
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (isInstitution(r.text) || r.uncertain) continue;
    let kind: PersonKind | 'none' = r.pronoun ? resolvePronoun(refs, i, text) : r.kind;
    const age = ageBefore.get(r.start);
    if (age !== undefined && kind !== 'professional') kind = age < 18 ? 'child' : 'adult';
    const isChildName = !!r.name && r.name === childNameLower;
    // A role noun may come with a determiner and modifiers ("her new partner"); a name, a title
    // with a name, a pronoun or "I"/"we" may not.
    const isNoun = !r.pronoun && !r.name && !/^(?:mr|mrs|ms|miss|dr)\b|^(?:i|we)$/i.test(r.text);
    // "Leo (3) DNAs", "Dean, 29, had sex": an age written right after a person is part of them.
    const ageAfter = AGE_AFTER.exec(text.slice(r.end, r.end + 24));
    out.push({ start: r.start, end: r.end + (ageAfter ? ageAfter[0].length : 0), types: typesOf(kind, r.role, isChildName) | (isNoun ? noun : 0) });
  }
  // Object pronouns, resolved like subject pronouns to the nearest earlier person of their gender.
  const pools = new PronounPools(refs);
  OBJECT_PRONOUN.lastIndex = 0;
  for (let m = OBJECT_PRONOUN.exec(text); m; m = OBJECT_PRONOUN.exec(text)) {
    const word = m[1].toLowerCase();
    if (word === 'her') {
      const next = /^\s*([\p{L}'’-]+)/u.exec(text.slice(m.index + 3));
      // "her physically", "her again": an adverb follows a pronoun, not a possessive.
      if (next && !NOT_A_NOUN_AFTER_HER.has(next[1].toLowerCase()) && !/ly$/i.test(next[1])) continue;
    }
    const gender = word === 'her' ? 'f' : word === 'him' ? 'm' : undefined;
    const synthetic: PersonRef = { kind: 'unknown', start: m.index, end: m.index + word.length, text: word === 'them' ? 'they' : word, gender, pronoun: true };
    // The object of a clause is rarely its own subject: "Mr Doyle … with her" looks past Mr Doyle
    // to the nearest earlier person who is a woman or girl, then to anyone but a professional
    // (records rarely write a professional as "her"), then to anyone.
    const sameGender = gender ? pools.get(`same:${gender}`).before(m.index) : [];
    const notProfessional = pools.get(`notProfessional:${gender ?? ''}`).before(m.index);
    const pool = sameGender.length ? sameGender : notProfessional.length ? notProfessional : pools.get('all').before(m.index);
    const kind = resolvePronoun([...pool, synthetic], pool.length, text);
    out.push({ start: synthetic.start, end: synthetic.end, types: typesOf(kind, undefined, false) });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SlotPerson[] = [];
  for (const p of out) if (!kept.length || p.start >= kept[kept.length - 1].end) kept.push(p);
  return kept;
}

/** The lowered paragraph with each person overwritten by its type code and filler (same length). */
export function markPeople(lower: string, people: SlotPerson[]): string {
  if (people.length === 0) return lower;
  let out = '';
  let at = 0;
  for (const p of people) {
    out += lower.slice(at, p.start) + slotCode(p.types) + SLOT_FILLER.repeat(p.end - p.start - 1);
    at = p.end;
  }
  return out + lower.slice(at);
}

// Age decisions as data: how old is the person a phrase is about? The rows live in
// lexicon/context.yaml (`ages:`), in order; the first row that decides wins. Each row names a
// rule implemented here (registered by name, like record checks) and gives its parameters.
import { within, type Span } from '../text';
import type { AgeMention } from './age';
import { nearestRefBefore, possessorAt, subjectAt, type PersonRef, type PeopleTable } from './people';

/** One row of the ages table, as written in a lexicon file. */
export interface AgeRow {
  id: string;
  /** The rule that decides (see AGE_RULES). */
  rule: string;
  /** Characters between the words and what the rule looks for (age-nearby, adult-named-before). */
  within?: number;
  /** The age the rule decides (adult rules: 18). */
  age?: number;
  /** Words and the age each one says (role-word). */
  words?: Record<string, number>;
  /** Skip the row for entries that need an adult nearby (their person is the adult's partner, not the adult). */
  skipFor?: 'adult-nearby';
  enabled?: boolean;
  reason: string;
  examples?: AgeExample[];
  origin?: { file: string; line: number };
}

export interface AgeExample {
  text: string;
  at: string;
  childAge?: number;
  /** The age decided; null when the person's age is unknown. */
  age: number | null;
  /** The row expected to decide, when not the row the example belongs to. */
  decidedBy?: string;
}

/** What a rule may look at for one candidate. */
export interface AgeFacts {
  text: string;
  sentence: Span;
  start: number;
  end: number;
  refs: PersonRef[];
  ages: AgeMention[];
  people: PeopleTable;
  childAge?: number;
  adultNearby: boolean;
}

/** A rule's answer: `undefined` = no decision (try the next row); `{ age: undefined }` = unknown, stop. */
export type AgeDecision = { age: number | undefined } | undefined;
type AgeRule = (row: AgeRow, f: AgeFacts) => AgeDecision;

const NEW_PERSON_BEFORE =
  /(?<![\p{L}])(?<!(?:is|was|are|were|be|been|being|seems?|seemed|appears?|appeared|as|become|becomes|became|like|into)\s+)(?:a|an|another|one)\s+(?:[\p{L}-]+\s+)?$/iu;

const ANOTHER_PARTICIPANT = /(?<![\p{L}])(?:with|by|and|to|from|against|towards?)(?![\p{L}])/iu;

export const AGE_RULES: ReadonlyMap<string, AgeRule> = new Map<string, AgeRule>([
  [
    'new-person',
    (_row, f) => {
      // "A young woman answered": a new person of unknown age. A child word ("a child who …") says
      // at least that the person is a child: the later rows decide.
      const namesAPerson = within(f.refs, f.start, f.end).some((r) => r.kind !== 'child');
      return namesAPerson && NEW_PERSON_BEFORE.test(f.text.slice(f.sentence.start, f.start)) ? { age: undefined } : undefined;
    },
  ],
  [
    'age-nearby',
    (row, f) => {
      let best: AgeMention | undefined;
      let bestDistance = row.within ?? 50;
      for (const m of f.ages) {
        if (m.start < f.sentence.start || m.end > f.sentence.end) continue;
        // "a consensual relationship with a 19-year-old": an age after a word that brings in
        // another participant is that person's age, not the age of the person the words describe.
        const distance = m.end <= f.start ? f.start - m.end : m.start >= f.end ? m.start - f.end : 0;
        if (distance < bestDistance && !(m.start >= f.end && ANOTHER_PARTICIPANT.test(f.text.slice(f.end, m.start)))) {
          best = m;
          bestDistance = distance;
        }
      }
      return best ? { age: best.age } : undefined;
    },
  ],
  [
    'adult-named-before',
    (row, f) => {
      const ref = nearestRefBefore(f.refs, f.sentence, f.start);
      return ref && !ref.pronoun && ref.kind === 'adult' && f.start - ref.end < (row.within ?? 40) ? { age: row.age ?? 18 } : undefined;
    },
  ],
  [
    'subject-adult',
    (row, f) => {
      // "They" may be an adult and a child together: it does not make the subject an adult.
      if (nearestRefBefore(f.refs, f.sentence, f.start)?.text.toLowerCase() === 'they') return undefined;
      return subjectAt(f.refs, f.sentence, f.start, f.text) === 'adult' ? { age: row.age ?? 18 } : undefined;
    },
  ],
  ['possessor-adult', (row, f) => (possessorAt(f.refs, f.text, f.start) === 'adult' ? { age: row.age ?? 18 } : undefined)],
  [
    // A person the document names with an age, or an age written as the person ("the 13-year-old").
    'named-person',
    (_row, f) => {
      const ref = nearestRefBefore(f.refs, f.sentence, f.start);
      const age = ref?.age ?? (ref?.name ? f.people.get(ref.name) : undefined);
      if (age === undefined) return undefined;
      // For an entry about a child's adult partner, a named adult is the partner, not the child.
      return age < 18 || !f.adultNearby ? { age } : undefined;
    },
  ],
  [
    'role-word',
    (row, f) => {
      // The person word nearest before the words in the sentence, or within them ("the baby's").
      const inside = within(f.refs, f.start, f.end).find((r) => !r.pronoun);
      const ref = inside ?? nearestRefBefore(f.refs, f.sentence, f.start);
      if (!ref || ref.pronoun) return undefined;
      const age = row.words?.[ref.text.toLowerCase().replace(/\s+/g, ' ')];
      return age === undefined ? undefined : { age };
    },
  ],
  ['document-child-age', (_row, f) => (f.childAge === undefined ? undefined : { age: f.childAge })],
]);

/** The row that decides and its answer; no row: the age is unknown. */
export function decideAge(rows: readonly AgeRow[], f: AgeFacts): { row?: AgeRow; age: number | undefined } {
  for (const row of rows) {
    if (row.enabled === false || (row.skipFor === 'adult-nearby' && f.adultNearby)) continue;
    const decision = AGE_RULES.get(row.rule)?.(row, f);
    if (decision) return { row, age: decision.age };
  }
  return { age: undefined };
}

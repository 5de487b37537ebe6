// Ages written in the text ("aged 14", "a 14-year-old", "Amira (14)", "Year 9", "who is 34",
// "in his thirties"), who they belong to, and the child's age for the document.
import type { PeopleTable } from './people';

export interface AgeMention {
  age: number;
  start: number;
  end: number;
  /** Lower-cased name the age is attached to ("haddad" in "Amira Haddad (14)"), when there is one. */
  name?: string;
  /** The first word of the name as written ("Amira"): what a note calls a child. */
  firstName?: string;
}

const NAME_BEFORE = "((?:Child\\s[A-Z]|[A-Z][\\p{Ll}'’-]+)(?:\\s[A-Z][\\p{Ll}'’-]+)?)";
// Each pattern has a gate: a plain regex for what every match must contain (a bracket and a digit,
// "year old", …), with the pattern's own case flags. Most paragraphs fail every gate, and a gate
// without look-behind or a leading name is scanned much faster than the pattern itself.
const AGE_PATTERNS: Array<{ gate: RegExp; re: RegExp; age: (m: RegExpExecArray) => number; nameGroup?: number }> = [
  // Amira (14), Mr Doyle (34), Child L (13), Leo (aged 4)
  { gate: /\((?:aged?\s+)?\d/, re: new RegExp(`${NAME_BEFORE}\\s*\\((?:aged\\s+|age\\s+)?(\\d{1,2})(?:\\s*(?:yrs?|years?))?\\)`, 'gu'), age: (m) => Number(m[2]), nameGroup: 1 },
  // Jez, 17, …   Amira, aged 14, …   Amira, a 14-year-old …
  { gate: /,\s+(?:aged?\s+|now\s+|an?\s+)?\d/, re: new RegExp(`${NAME_BEFORE},\\s+(?:aged\\s+|age\\s+|now\\s+|an?\\s+)?(\\d{1,2})(?:[- ]years?[- ]old)?(?=[,;)]|\\s+(?:years|year|yrs))`, 'gu'), age: (m) => Number(m[2]), nameGroup: 1 },
  // Amira is 14 / Amira, who is 14 / Amira turned 15
  { gate: /(?:is|was|turned|turns)\s+(?:now\s+)?\d/, re: new RegExp(`${NAME_BEFORE},?\\s+(?:who\\s+)?(?:is|was|turned|turns)\\s+(?:now\\s+)?(\\d{1,2})(?![\\d:%]|\\.\\d)(?!\\s*(?:am|pm|minutes|mins|hours|days|weeks|months|times|%))`, 'gu'), age: (m) => Number(m[2]), nameGroup: 1 },
  // 14-year-old Amira
  { gate: /\d[- ]year[- ]old\s/, re: /(?<![\p{L}\p{N}])(\d{1,2})[- ]year[- ]old\s+([A-Z][\p{Ll}'’-]+)/gu, age: (m) => Number(m[1]), nameGroup: 2 },
  // aged 14, age 14
  { gate: /aged?\s+\d/iu, re: /(?<![\p{L}])aged?\s+(\d{1,2})(?![\d:]|\.\d)(?!\s*(?:months|weeks|days))/giu, age: (m) => Number(m[1]) },
  // 14-year-old, 14 years old, 14 yrs old
  { gate: /\d[- ]?(?:years?|yrs?)[- ](?:old|of age)/iu, re: /(?<![\p{L}\p{N}])(\d{1,2})[- ]?(?:years?|yrs?)[- ](?:old|of age)/giu, age: (m) => Number(m[1]) },
  // who is 34 (a partner, an adult)
  { gate: /who\s+(?:is|was)\s+\d/iu, re: /(?<![\p{L}])who\s+(?:is|was)\s+(\d{1,2})(?![\d:%]|\.\d)(?!\s*(?:am|pm|minutes|hours|days|weeks|months))/giu, age: (m) => Number(m[1]) },
  // 6 months old, 3-week-old baby
  { gate: /\d[- ](?:months?|weeks?)[- ]old/iu, re: /(?<![\p{L}\p{N}])(\d{1,2})[- ](?:months?|weeks?)[- ]old/giu, age: () => 0 },
  // at the age of 12, from the age of 9
  { gate: /age\s+of\s+\d/iu, re: /(?<![\p{L}])(?:at|from|by|since)\s+the\s+age\s+of\s+(\d{1,2})(?![\d])/giu, age: (m) => Number(m[1]) },
  // "At 12, she …", "at 14 he was …": an age at the start of a clause, before its subject
  { gate: /at\s+\d{1,2}[,\s]/iu, re: /(?<![\p{L}])at\s+(\d{1,2})(?=\s*,\s*(?:she|he|they)\b|\s+(?:she|he|they)\s)/giu, age: (m) => Number(m[1]) },
  // the young man, 15, …   a girl, 14, …
  { gate: /,\s+\d{1,2},/, re: /(?<![\p{L}])(?:man|woman|boy|girl|person|child|teenager|youth|lad|male|female|pupil|victim|schoolgirl|schoolboy|son|daughter),\s+(\d{1,2}),/giu, age: (m) => Number(m[1]) },
  // Year 9 (school year): at least year + 4
  { gate: /Year\s+\d/, re: /(?<![\p{L}])Year\s+(\d{1,2})(?![\d])/gu, age: (m) => (Number(m[1]) <= 13 ? Number(m[1]) + 4 : NaN) },
  // in his thirties, in her 20s
  { gate: /in\s+(?:his|her|their)\s/iu, re: /(?<![\p{L}])in\s+(?:his|her|their)\s+(?:early\s+|mid-?\s*|late\s+)?(twenties|thirties|forties|fifties|sixties|[2-6]0s)/giu, age: (m) => decade(m[1]) },
];

const MAY_HOLD_AN_AGE = /[0-9]|ties/i;

function decade(word: string): number {
  const w = word.toLowerCase();
  const map: Record<string, number> = { twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60 };
  return map[w] ?? Number(w.slice(0, 2));
}

/** Every age mention in the text, earliest first; overlapping mentions keep the one with a name. */
export function ageMentions(text: string): AgeMention[] {
  // Every pattern needs a digit or a decade word ("thirties"): most paragraphs have neither.
  if (!MAY_HOLD_AN_AGE.test(text)) return [];
  const found: AgeMention[] = [];
  for (const p of AGE_PATTERNS) {
    if (!p.gate.test(text)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const age = p.age(m);
      if (!Number.isFinite(age) || age > 110) continue;
      const written = p.nameGroup ? m[p.nameGroup].toLowerCase() : undefined;
      // "Child L" is one name; otherwise the last word ("Mr Doyle" → "doyle", how later mentions read).
      const name = written && (/^child\s[a-z]$/.test(written) ? written.replace(/\s+/, ' ') : written.split(/\s/).pop());
      const firstName = written && !/^child\s/.test(written) ? m[p.nameGroup!].split(/\s/)[0] : undefined;
      found.push({ age, start: m.index, end: m.index + m[0].length, name, firstName });
      // "Amira Haddad (14)": later mentions may use either name.
      if (firstName && firstName.toLowerCase() !== name) found.push({ age, start: m.index, end: m.index + m[0].length, name: firstName.toLowerCase(), firstName });
    }
  }
  found.sort((a, b) => a.start - b.start || Number(!!b.name) - Number(!!a.name));
  const kept: AgeMention[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end && !(f.start === last.start && f.age === last.age)) continue;
    kept.push(f);
  }
  return kept;
}

const NOT_A_PERSON = new Set(['year', 'years', 'child', 'page', 'section', 'the', 'a', 'an', 'she', 'he', 'they', 'her', 'his', 'mr', 'ms', 'mrs', 'miss']);

/**
 * Names the document gives an age to. A chronology may give several ages for one child as the
 * years pass; the oldest is kept, so an age-gated rule never treats an older child as younger.
 */
export function peopleTable(mentions: AgeMention[]): PeopleTable {
  const table: PeopleTable = new Map();
  for (const m of mentions) {
    if (m.name && !NOT_A_PERSON.has(m.name) && m.age > (table.get(m.name) ?? -1)) table.set(m.name, m.age);
  }
  return table;
}

/** What the document calls the child: the first name given with an age under 18. */
export function inferChildName(mentions: AgeMention[]): string | undefined {
  return mentions.find((m) => m.age < 18 && m.firstName)?.firstName;
}

/** The child's age as the text gives it: the first age under 18. */
export function inferChildAge(mentions: AgeMention[]): number | undefined {
  return mentions.find((m) => m.age < 18)?.age;
}

const ADULT_WORDS = /(?<![\p{L}])(?:older|adults?|grown(?:[- ]up)?\s+(?:man|men|woman|women))(?![\p{L}])/iu;

/** Whether the text (a sentence or two) describes an adult: an age of 18+ or "older"/"adult". */
export function describesAdult(text: string, mentions: AgeMention[]): boolean {
  return ADULT_WORDS.test(text) || mentions.some((m) => m.age >= 18);
}

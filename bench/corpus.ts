// A deterministic generator of realistic, invented case records for the benchmark: case notes
// (Markdown, dated entries under headings), chronologies (plain text, one dated line per event)
// and practice-review extracts (Markdown, numbered paragraphs that quote and criticise wording).
// Each record mixes factual lines, good practice (the child's own words, named perpetrators) and
// the poor wording the lexicon looks for, with names, ages, dates and places, like `examples/`.
//
// The corpus is generated at run time from a fixed seed rather than committed: the same seed
// gives byte-identical files on every machine (the report prints their SHA-256), and 2.5 MB of
// synthetic text stays out of the repository's history. Every name and place is invented.
//
//   node out/bench/corpus.js [folder]   writes the corpus (default bench/corpus/)
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Random } from './lib/random';

export const CORPUS_SEED = 20250307;
export const CORPUS_MIN_BYTES = 2.5 * 1024 * 1024;

export interface GeneratedDocument {
  name: string;
  text: string;
}

const GIRLS = ['Amira', 'Kayla', 'Jade', 'Ruby', 'Leah', 'Tia', 'Chloe', 'Skye', 'Maisie', 'Poppy', 'Demi', 'Ellie', 'Shannon', 'Nia', 'Zara', 'Aisha', 'Holly', 'Keira', 'Lacey', 'Mia', 'Sophie', 'Courtney', 'Precious', 'Hana'];
const BOYS = ['Leo', 'Tyler', 'Kian', 'Jayden', 'Reece', 'Callum', 'Marcus', 'Tyrese', 'Kai', 'Josh', 'Harvey', 'Mason', 'Ryan', 'Jordan', 'Bilal', 'Connor', 'Alfie', 'Dylan', 'Ethan', 'Kacper', 'Luca', 'Omar', 'Theo', 'Riley'];
const SURNAMES = ['Haddad', 'Hughes', 'Ashworth', 'Carter', 'Okafor', 'Nowak', 'Reid', 'Patel', 'Walsh', 'Brennan', 'Khan', 'Osei', 'Fletcher', 'Doyle', 'Lowe', 'Grant', 'Shah', 'Kowalski', 'Murray', 'Bennett', 'Ahmed', 'Clarke', 'Mensah', 'Price'];
const MUMS = ['Kerry', 'Nadia', 'Lisa', 'Donna', 'Kelly', 'Sarah', 'Leanne', 'Michelle', 'Gemma', 'Aneta', 'Farah', 'Joanne', 'Stacey', 'Amina', 'Claire', 'Natalie'];
const MEN = ['Dean', 'Kevin', 'Craig', 'Darren', 'Lee', 'Wayne', 'Jason', 'Scott', 'Gary', 'Paul', 'Liam', 'Stuart', 'Mark', 'Adam', 'Ricky', 'Shane'];
const ADULTS = ['Jay Carter', 'Aaron Webb', 'Kyle Marsh', 'Ben Dobson', 'Zak Hollins', 'Nathan Ross', 'Connor Flint', 'Ash Malone'];
const TOWNS = ['Eastmoor', 'Millbeck', 'Westhaven', 'Harlow Green', 'Calder Vale', 'Oakhurst', 'Brindley', 'Northgate'];
const STREETS = ['Larch Close', 'Orchard Row', 'Brook Terrace', 'Calder Road', 'Station Street', 'Elm Walk', 'Victoria Court', 'Mill Lane', 'Harlow Street', 'Queens Drive'];
const SCHOOLS = ['Eastmoor Academy', 'Elmfield Primary', 'St Anne\'s RC Primary', 'Millbeck High School', 'Northgate Free School', 'Oakhurst Community College', 'Little Acorns Nursery'];
const TEACHERS = ['Mrs Grace Osei', 'Mr Tom Hollis', 'Mrs Jo Dunn', 'Ms Amy Clarke', 'Mr Raj Sethi', 'Mrs Dawn Fletcher', 'Miss Laura Penn'];
const OFFICERS = ['PC Rob Daniels', 'DS Hannah Price', 'PC Sian Lloyd', 'DC Mo Farooq', 'PC Gareth Holt'];
const WORKERS = ['Sam Okafor', 'Ayesha Malik', 'Priya Nair', 'Tom Bradley', 'Jo Whitlock', 'Ruth Abara', 'Dan Keane'];
const HEALTH = ['Jenny Marsh (health visitor)', 'Dr Shah (GP)', 'Dr Lennox (paediatrician)', 'Pat Hume (school nurse)'];
const AGENCIES = ['Police', 'School', 'Health', 'GP', 'Children\'s social care', 'Housing', 'Domestic abuse service', 'Youth justice', 'Nursery', 'Early help', 'CAMHS', 'Ambulance service'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const CHILD_QUOTES = [
  'I just want it to be quiet at home.',
  'Nobody listens to me when I tell them.',
  'Can I stay at Nan\'s on Fridays?',
  'He shouts at Mum when he\'s been drinking.',
  'I like art and football, and my mate Jas.',
  'I don\'t want to talk about it here.',
  'I get scared when the door bangs.',
  'School is OK. My friends are nice to me.',
  'I want my own room so I can sleep.',
  'Leave it.',
  'He said he\'d sort Mum out if I didn\'t come.',
  'I didn\'t want to go. I just didn\'t want him round ours.',
  'Everyone goes on about me. Nobody asks why I don\'t want to be at home.',
  'It\'s better since he left. I can get to sleep now.',
  'I miss my dad.',
];

// Plain facts: what happened, who was there, what was arranged.
const NEUTRAL = [
  'Unannounced visit to {ADDR}, {TOWN}, at {TM}.',
  'Seen at home: {M} and {C}. {SIB} was at nursery.',
  '{MF} showed me the kitchen; there was food in the fridge and in the cupboards.',
  '{C}\'s bedroom has a bed, a wardrobe and a desk. The window latch is broken and {MF} has reported it to the landlord.',
  'I rang {SCHOOL} and spoke to {T}, the designated safeguarding lead.',
  '{T} said {C}\'s attendance this half term is {PCT}%.',
  'The next home visit is booked for {D}.',
  'Email sent to the housing officer asking for a date for the repair.',
  '{GP} confirmed that {C} is up to date with immunisations.',
  'The health visitor weighed {SIB}; weight is on the 25th centile, as at the last check.',
  'Minutes sent to the core group on {D}.',
  'I talked the case through with my team manager in supervision on {D}.',
  '{MF} asked for help with a food bank voucher, which I gave her.',
  '{C} is in Year {Y} at {SCHOOL}.',
  'Police confirmed that {P} is on bail with conditions not to contact {M}.',
  'The referral was screened by the duty team on {D}.',
  'A letter was sent to {M} confirming the outcome of the assessment.',
  'I left a card with my number and the out-of-hours number.',
  '{MF} said the rent arrears are now being paid at £10 a week.',
  'The school nurse will see {C} on {D}.',
  'I arrived at {TM} and stayed for about an hour.',
  '{MF} had been to the GP about her back and was waiting for a scan.',
  '{SIB} was asleep in the pushchair for most of the visit.',
  'The flat was warm and tidy, and the washing machine was on.',
  '{OFF} rang at {TM} to give an update on the investigation.',
  'The bus fare to the contact session will be paid by the local authority.',
  'The meeting started at {TM} at the {TOWN} family hub.',
  '{C} has a dental check booked for {D}.',
  'Copy of this note sent to {T} with {MF}\'s agreement.',
  'Housing have offered a two-bedroom flat on {STREET}, which {MF} will view on {D}.',
];

// Good practice: the child's own words and wishes, observation, named actors, reasons given.
const GOOD = [
  '{C} said, "{QUOTE}"',
  'In {his} own words: "{QUOTE}"',
  'I saw {C} on {his} own in {his} bedroom for about {N} minutes.',
  '{C} showed me {his} drawings and talked about {his} friends at {SCHOOL}.',
  '{C} told me {she} wants to stay at {SCHOOL} and keep seeing {his} nan at weekends.',
  '{P} punched {M} in the face and pushed her against the kitchen door while {C} was upstairs.',
  '{ADULT} ({AA}) has been giving {C} alcohol and cannabis and keeping {her} at his flat overnight.',
  '{SIB} was not brought to the dental appointment on {D}; I will ask {MF} what got in the way.',
  '{C} looked at the floor and went quiet when I asked about {PF}.',
  'I watched {SIB} playing with a toy garage; {SIB} smiled and brought me a car when {MF} joined in.',
  '{C}\'s wishes: to live with {his} mum, to see {his} dad at weekends, and for the shouting to stop.',
  'My analysis: {ADULT} is {AA} and {C} is {A}. He is grooming {her}, and what {C} experiences as care is how he controls {her}.',
  '{PF} has been controlling {MF}\'s money and checking her phone, and she is frightened of him.',
  'Police took no further action because {MF} did not want to make a statement and there were no other witnesses; the child protection plan continues.',
  '{C} was tearful when {she} talked about {his} dad leaving, then changed the subject.',
  '{C} asked me not to tell {PF} what {she} had said, and I explained who I would need to share it with and why.',
  '{PF} threw a mug at {MF} and broke the window; {C} hid in {his} wardrobe until the police came.',
  '{C} kept {his} hood up at first and answered in single words, then relaxed when we talked about {his} phone game.',
];

// Poor wording of the kinds the lexicon looks for (written for this corpus, not copied from it).
const POOR_ANY_AGE = [
  '{C} is very resilient and has coped well with the changes at home.',
  '{MF} has allowed {PF} back into the family home despite the safety plan.',
  '{MF} failed to protect the children from {PF}\'s violence.',
  '{MF} declined support from the domestic abuse service.',
  'The family are hard to reach and rarely answer the door.',
  'There was a physical altercation between {MF} and {PF} on {D}.',
  '{MF} and {PF} have a volatile relationship.',
  'Police attended a domestic incident at the address.',
  '{PF} admitted physical chastisement when {C} would not go to bed.',
  'It was only a slap and nobody needed hospital treatment.',
  '{PF} lost his temper and hit {MF}.',
  'There were relationship difficulties between {MF} and {PF}.',
  'The children have witnessed domestic abuse at home.',
  'There is a history of domestic abuse in the family.',
  '{M} was assaulted at the address on {DAY} night.',
  '{MF}\'s new partner has moved into the flat.',
  'There is domestic abuse between {MF} and {PF}.',
  '{C} claims that {PF} hit {her} with a belt.',
  'Staff feel {C} is attention seeking.',
  'The school thought {C} might be exaggerating what happened on the stairs.',
  '{C} keeps changing {his} story about the bruise.',
  'The alleged assault took place at the park.',
  '{SIB} ({SA}) did not attend the hearing test on {D}.',
  '{SIB} ({SA}) DNA\'d the dental appointment.',
  'Paediatric appointment for {SIB} ({SA}): DNA.',
  'The CIN plan was reviewed on {D}.',
  'Referral passed to the MASH.',
  'S47 enquiries were completed.',
  '{C} has settled in {his} new placement.',
  'Contact with dad takes place every other Saturday.',
  'Home visit completed. No concerns noted.',
  '{MF} has engaged well with the plan.',
  'Things have improved at home.',
  'Support is in place.',
  'Outcome: NFA.',
  'Concerns were raised by the school.',
  '{C} appeared happy.',
  '{C} seemed {his} usual self.',
  'The referral was made because of concerns about domestic abuse.',
  '{C} is out of control at home.',
  '{MF} is showing disguised compliance with the plan.',
];

const POOR_TEEN = [
  '{C} is streetwise and knows how to handle {herself} in town.',
  '{C} is mature for {his} age and looks after {SIB} most evenings.',
  '{C} comes across as older than {his} years.',
  '{C} presents as a confident {youngPerson} who knows {his} own mind.',
  '{C} has an older boyfriend who picks {her} up from school.',
  '{C} is in a relationship with a {AA}-year-old man.',
  '{C} is believed to be sexually active.',
  'Police described what happened between {C} and {ADULT} as consensual.',
  '{C} knows exactly what {she} is doing when {she} goes to the flat.',
  '{C} is old enough to make {his} own decisions about where {she} goes.',
  '{C} keeps putting {herself} at risk by staying out overnight.',
  '{C} continues to make poor choices about who {she} spends time with.',
  '{C} chose to go back to the flat on {DAY} night.',
  '{C} keeps going missing from home.',
  '{C} has been engaging in risky behaviour at weekends.',
  '{C} has been associating with older males in the town centre.',
  '{C} needs to take responsibility for {his} own safety.',
  '{C} refused to engage with the CAMHS worker.',
  '{C} was seen getting into a car with an unknown male.',
  '{C} can be manipulative with staff.',
  '{C} was MFH twice last week.',
  '{C} absconded from the children\'s home at 2am.',
  '{C} is a drug runner for a line from the city.',
];

// Review extracts: the panel's voice, often quoting poor wording in order to criticise it.
const REVIEW = [
  'Agency records described {C} as "streetwise" and "mature for {his} age", which moved attention away from the adults who were harming {her}.',
  'A police log recorded that {C} had "chosen" to stay at the address; the review found {she} had no real choice.',
  'The phrase "putting {herself} at risk" appears in eleven records, and none of them names the adults who posed the risk.',
  'Practitioners should challenge language such as "risky behaviour" in supervision.',
  'Learning point {N}: records must say who did what to whom.',
  'The review panel met on {D} and considered chronologies from six agencies.',
  'Recommendation {N}: the partnership should audit case records for victim-blaming language every year.',
  '{C}\'s own words were rarely recorded; the review found only three direct quotes in two years.',
  'Between {MONTH} and {MONTH2} {C} was reported missing from home {N} times.',
  'Throughout that period, police and children\'s social care knew that {ADULT}, a man of {AA}, was collecting {C} from near school.',
  'The minutes of the strategy meeting said that {C} "keeps going missing", as if the missing episodes were something {she} did rather than something done to {her}.',
  'No one at the meeting questioned the wording, and {ADULT}\'s name does not appear in the actions.',
  'The panel heard from {C}\'s mother, who said that nobody had explained what the plan was for.',
  'Records from {SCHOOL} show that staff noticed the change in {C}\'s mood in {MONTH} and passed it on the same day.',
];

const HEADINGS = ['Home visit', 'Phone call from school', 'Strategy meeting', 'Visit to {C} at school', 'Core group meeting', 'Return home interview', 'Contact from police', 'Health visitor update', 'Supervision', 'Child in need review', 'Email from GP', 'Joint visit with police', 'Home visit – {C} seen alone', 'Telephone call with {MF}'];

interface People {
  girl: boolean;
  child: string;
  surname: string;
  age: number;
  mum: string;
  partner: string;
  partnerSurname: string;
  partnerAge: number;
  sibling: string;
  siblingAge: number;
  adult: string;
  adultAge: number;
  town: string;
  address: string;
  school: string;
  teacher: string;
  officer: string;
  health: string;
}

function people(rng: Random): People {
  const girl = rng.chance(0.55);
  const age = rng.chance(0.65) ? rng.int(11, 17) : rng.int(2, 10);
  return {
    girl,
    child: rng.pick(girl ? GIRLS : BOYS),
    surname: rng.pick(SURNAMES),
    age,
    mum: rng.pick(MUMS),
    partner: rng.pick(MEN),
    partnerSurname: rng.pick(SURNAMES),
    partnerAge: rng.int(24, 45),
    sibling: rng.pick(rng.chance(0.5) ? GIRLS : BOYS),
    siblingAge: rng.int(1, 7),
    adult: rng.pick(ADULTS),
    adultAge: rng.int(19, 38),
    town: rng.pick(TOWNS),
    address: `${rng.int(2, 140)} ${rng.pick(STREETS)}`,
    school: rng.pick(SCHOOLS),
    teacher: rng.pick(TEACHERS),
    officer: rng.pick(OFFICERS),
    health: rng.pick(HEALTH),
  };
}

/** A running calendar: each entry is a few days after the last, written in one of several styles. */
class Calendar {
  private day: Date;
  constructor(private readonly rng: Random) {
    this.day = new Date(Date.UTC(rng.int(2019, 2025), rng.int(0, 11), rng.int(1, 28)));
  }
  advance(): Date {
    this.day = new Date(this.day.getTime() + this.rng.int(1, 12) * 86400000);
    return this.day;
  }
  later(): Date {
    return new Date(this.day.getTime() + this.rng.int(2, 30) * 86400000);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const numeric = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const longDate = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const dayDate = (d: Date) => `${DAYS[(d.getUTCDay() + 6) % 7]} ${longDate(d)}`;

function fill(template: string, who: People, rng: Random, calendar: Calendar): string {
  const he = who.girl;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'C': return who.child;
      case 'A': return String(who.age);
      case 'Y': return String(Math.max(1, who.age - 4));
      case 'she': return he ? 'she' : 'he';
      case 'her': return he ? 'her' : 'him';
      case 'his': return he ? 'her' : 'his';
      case 'herself': return he ? 'herself' : 'himself';
      case 'youngPerson': return he ? 'young woman' : 'young man';
      case 'M': return `Ms ${who.mum} ${who.surname}`;
      case 'MF': return who.mum;
      case 'P': return `Mr ${who.partner} ${who.partnerSurname}`;
      case 'PF': return who.partner;
      case 'SIB': return who.sibling;
      case 'SA': return String(who.siblingAge);
      case 'ADULT': return who.adult;
      case 'AA': return String(who.adultAge);
      case 'TOWN': return who.town;
      case 'ADDR': return who.address;
      case 'STREET': return rng.pick(STREETS);
      case 'SCHOOL': return who.school;
      case 'T': return who.teacher;
      case 'OFF': return who.officer;
      case 'GP': return who.health;
      case 'D': return rng.chance(0.5) ? numeric(calendar.later()) : longDate(calendar.later());
      case 'TM': return `${rng.int(8, 11)}.${pick2(rng)} ${rng.chance(0.5) ? 'am' : 'pm'}`;
      case 'DAY': return rng.pick(DAYS);
      case 'PCT': return String(rng.int(54, 97));
      case 'N': return String(rng.int(2, 40));
      case 'QUOTE': return rng.pick(CHILD_QUOTES);
      case 'MONTH': return rng.pick(MONTHS);
      case 'MONTH2': return rng.pick(MONTHS);
      default: throw new Error(`corpus template: unknown slot {${key}}`);
    }
  });
}

const pick2 = (rng: Random) => pad(rng.pick([0, 10, 15, 20, 30, 40, 45, 50]));

function sentence(rng: Random, who: People, calendar: Calendar): string {
  const roll = rng.next();
  const poor = who.age >= 11 && rng.chance(0.45) ? POOR_TEEN : POOR_ANY_AGE;
  const bank = roll < 0.42 ? NEUTRAL : roll < 0.7 ? GOOD : poor;
  return fill(rng.pick(bank), who, rng, calendar);
}

function paragraph(rng: Random, who: People, calendar: Calendar, sentences: number): string {
  const out: string[] = [];
  // A writer does not repeat a sentence within a paragraph; a few tries avoid it.
  for (let i = 0, tries = 0; i < sentences && tries < sentences * 3; tries++) {
    const next = sentence(rng, who, calendar);
    if (!out.includes(next)) out.push(next), i++;
  }
  return out.join(' ');
}

function frontMatter(rng: Random, who: People, profile: string): string {
  if (!rng.chance(0.5)) return '';
  const lines = [`profile: ${profile}`];
  if (rng.chance(0.7)) lines.push(`child-age: ${who.age}`);
  return `---\n${lines.join('\n')}\n---\n\n`;
}

function caseNoteEntry(rng: Random, who: People, calendar: Calendar): string {
  const date = calendar.advance();
  const style = rng.next();
  const heading = fill(rng.pick(HEADINGS), who, rng, calendar);
  const title = style < 0.6 ? `${numeric(date)} ${heading}` : style < 0.85 ? `${longDate(date)} – ${heading.toLowerCase()}` : `${dayDate(date)}: ${heading}`;
  const blocks = [`## ${title}`];
  const paragraphs = rng.int(2, 5);
  for (let i = 0; i < paragraphs; i++) blocks.push(paragraph(rng, who, calendar, rng.int(1, 4)));
  if (rng.chance(0.35)) {
    const items = rng.int(2, 4);
    const list = [rng.pick(['Actions:', 'Plan:', 'Decisions:', `${who.child}'s wishes and feelings, in ${who.girl ? 'her' : 'his'} words:`])];
    for (let i = 0; i < items; i++) list.push(`${rng.chance(0.5) ? '-' : `${i + 1}.`} ${sentence(rng, who, calendar)}`);
    blocks.push(list.join('\n'));
  }
  if (rng.chance(0.08)) {
    blocks.push(
      ['| Agency | Action | By |', '|---|---|---|', `| ${rng.pick(AGENCIES)} | ${sentence(rng, who, calendar).replace(/\|/g, '/')} | ${numeric(calendar.later())} |`, `| ${rng.pick(AGENCIES)} | Share the plan with ${who.mum} | ${numeric(calendar.later())} |`].join('\n'),
    );
  }
  return blocks.join('\n\n');
}

function caseNote(rng: Random, entries: number): string {
  const who = people(rng);
  const calendar = new Calendar(rng);
  const parts = [`${frontMatter(rng, who, 'case-note')}# Case notes: ${who.child} ${who.surname} (${who.age})`];
  parts.push(`<!-- Invented record generated for Heard's benchmark. Social worker: ${rng.pick(WORKERS)}. -->`);
  for (let i = 0; i < entries; i++) parts.push(caseNoteEntry(rng, who, calendar));
  return parts.join('\n\n') + '\n';
}

function chronology(rng: Random, lines: number): string {
  const who = people(rng);
  const calendar = new Calendar(rng);
  const out = [
    `Chronology: ${who.child} ${who.surname} (aged ${who.age}), ${who.address}, ${who.town}`,
    `Exported from the case record. Invented example generated for Heard's benchmark.`,
    'Format: date – agency: event',
    '',
  ];
  for (let i = 0; i < lines; i++) {
    const events = rng.int(1, 3);
    const text: string[] = [];
    for (let j = 0; j < events; j++) text.push(sentence(rng, who, calendar));
    out.push(`${numeric(calendar.advance())} – ${rng.pick(AGENCIES)}: ${text.join(' ')}`);
  }
  return out.join('\n') + '\n';
}

function review(rng: Random, sections: number): string {
  const who = people(rng);
  const calendar = new Calendar(rng);
  const profile = rng.chance(0.7) ? '---\nprofile: review\n---\n\n' : '';
  const parts = [`${profile}# Child ${who.child[0]}: local child safeguarding practice review (extract)`];
  parts.push(`*${who.town} Safeguarding Children Partnership. Invented extract generated for Heard's benchmark.*`);
  let number = 1;
  for (let s = 1; s <= sections; s++) {
    parts.push(`## ${s + 2}. ${rng.pick(['What happened', 'How it was recorded', 'Analysis', 'The child\'s experience', 'Learning', 'Multi-agency working', 'Findings'])}`);
    const paragraphs = rng.int(3, 8);
    for (let p = 0; p < paragraphs; p++) {
      const sentences: string[] = [];
      const count = rng.int(2, 5);
      for (let i = 0; i < count; i++) sentences.push(rng.chance(0.55) ? fill(rng.pick(REVIEW), who, rng, calendar) : sentence(rng, who, calendar));
      parts.push(`${s + 2}.${number++} ${sentences.join(' ')}`);
    }
  }
  return parts.join('\n\n') + '\n';
}

/** One document of a random kind, sized log-normally (most a few KB, a long tail of long records). */
function document(rng: Random, index: number): GeneratedDocument {
  const id = String(index + 1).padStart(4, '0');
  const roll = rng.next();
  if (roll < 0.6) return { name: `${id}-case-note.md`, text: caseNote(rng, rng.logNormal(7, 0.9, 1, 160)) };
  if (roll < 0.85) return { name: `${id}-chronology.txt`, text: chronology(rng, rng.logNormal(25, 0.9, 4, 600)) };
  return { name: `${id}-review.md`, text: review(rng, rng.logNormal(4, 0.6, 2, 30)) };
}

/** The benchmark corpus: documents until at least `minBytes` of UTF-8. */
export function generateCorpus(seed = CORPUS_SEED, minBytes = CORPUS_MIN_BYTES): GeneratedDocument[] {
  const rng = new Random(seed);
  const docs: GeneratedDocument[] = [];
  let bytes = 0;
  while (bytes < minBytes) {
    const doc = document(rng, docs.length);
    docs.push(doc);
    bytes += Buffer.byteLength(doc.text);
  }
  return docs;
}

/** Short single records (one to three entries, or a short chronology), as a team's folder of notes. */
export function generateSmallNotes(seed: number, count: number): GeneratedDocument[] {
  const rng = new Random(seed);
  const docs: GeneratedDocument[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(i + 1).padStart(4, '0');
    docs.push(rng.chance(0.8) ? { name: `${id}-note.md`, text: caseNote(rng, rng.int(1, 3)) } : { name: `${id}-chronology.txt`, text: chronology(rng, rng.int(4, 12)) });
  }
  return docs;
}

/** One long case record of about `bytes` bytes, cut at a paragraph boundary. */
export function generateRecordOfSize(seed: number, bytes: number): string {
  const rng = new Random(seed);
  let text = caseNote(rng, Math.max(1, Math.ceil(bytes / 500)));
  while (Buffer.byteLength(text) < bytes) text += '\n' + caseNote(rng, Math.ceil(bytes / 500)).replace(/^---[\s\S]*?---\n\n/, '');
  const cut = text.lastIndexOf('\n\n', bytes);
  return text.slice(0, cut > bytes / 2 ? cut : bytes) + '\n';
}

/** Writes documents into `dir` (emptied first) and returns their paths and a SHA-256 of the set. */
export function writeDocuments(dir: string, docs: GeneratedDocument[]): { files: string[]; sha256: string; bytes: number } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const file = path.join(dir, doc.name);
    fs.writeFileSync(file, doc.text);
    hash.update(doc.name).update('\0').update(doc.text).update('\0');
    bytes += Buffer.byteLength(doc.text);
    files.push(file);
  }
  return { files, sha256: hash.digest('hex'), bytes };
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'bench', 'corpus'));
  const { files, sha256, bytes } = writeDocuments(dir, generateCorpus());
  process.stdout.write(`${files.length} files, ${(bytes / 1048576).toFixed(2)} MB, sha256 ${sha256}, in ${dir}\n`);
}

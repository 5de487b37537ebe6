// The adversarial texts of issue 13: one-paragraph documents made by repeating a short unit, each
// aimed at a part of the engine that used to take time growing with the square of the paragraph
// (sentence splitting, the people and quote scans, Markdown comment and link scanning, …).
import * as fs from 'fs';
import * as path from 'path';

export interface AdversarialText {
  /** Short name used in the report and on the command line. */
  name: string;
  /** What it stresses. */
  about: string;
  /** The repeated unit (for the seed text: the seeds' own words on one line). */
  unit: () => string;
}

/** The seeds' own words on one line: text pasted from a PDF often has no blank lines. */
export function seedWordsOnOneLine(seedsDir: string): string {
  const files = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  return files.map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8')).join(' ').replace(/\s*\r?\n\s*/g, ' ') + ' ';
}

export function adversarialTexts(seedsDir: string): AdversarialText[] {
  return [
    { name: 'seed-words', about: "the five seeds' words joined into one paragraph", unit: () => seedWordsOnOneLine(seedsDir) },
    { name: 'aged-14', about: '"aged 14 " repeated (age mentions, people table)', unit: () => 'aged 14 ' },
    { name: 'unclosed-comment', about: 'unclosed "<!-- " repeated (HTML comment scan)', unit: () => '<!-- ' },
    { name: 'acronyms', about: '"MASH CSE LAC " repeated (acronym check)', unit: () => 'MASH CSE LAC ' },
    { name: 'street-hyphen', about: '"street-" repeated (one enormous hyphenated word)', unit: () => 'street-' },
    { name: 'putting-herself', about: '"putting herself at " repeated (lexicon pattern with a gap)', unit: () => 'putting herself at ' },
    { name: 'she-chose', about: '"she chose, " repeated (one sentence of clauses)', unit: () => 'she chose, ' },
    { name: 'open-link', about: '"[a](" repeated (link target scan)', unit: () => '[a](' },
    { name: 'disable-comments', about: 'a heard-disable-next-line comment repeated (directives)', unit: () => '<!-- heard-disable-next-line streetwise -- ok --> ' },
  ];
}

/** `unit` repeated to `bytes` characters (cut at the end), as one paragraph. */
export function repeatTo(unit: string, bytes: number): string {
  const copies = Math.ceil(bytes / unit.length);
  return unit.repeat(copies).slice(0, bytes);
}

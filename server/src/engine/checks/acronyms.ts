// acronym-unexpanded: an acronym used before it is expanded. Known safeguarding acronyms come from
// the glossary in the lexicon; acronyms the document defines itself ("Multi-Agency Safeguarding Hub
// (MASH)", "MASH (Multi-Agency Safeguarding Hub)", or an abbreviations list "MASH – …") are learnt
// from the document. One finding per acronym, at its first use, with the expansion as the fix.
import { cached } from '../cache';
import { forMatching } from '../patterns';
import type { RecordCheck, RecordCheckInput, RecordMatch } from './recordCheck';

// ASCII word boundaries keep this scan fast over long documents; acronyms are ASCII capitals.
const ACRONYM = /\b([A-Z][A-Z0-9&]{1,7})(s?)\b(?!&)/g;
const TWO_CAPITALS = /[A-Z][A-Z0-9&]/;
const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'on', '&', 'at', 'with', 'a']);

/** The upper-cased first character of each hyphen-separated part of a word: "Multi-Agency" → "MA". */
function initialsOfParts(word: string): string {
  let out = '';
  let partStart = true;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (ch === '-' || ch === '‐') partStart = true;
    else if (partStart) {
      out += ch.toUpperCase();
      partStart = false;
    }
  }
  return out;
}

/** Whether `words` (the expansion) spell the acronym by their initials, small words optional. */
export function spells(acronym: string, words: string[]): boolean {
  // A digit in an acronym ("LA2", "S47") is not an initial: words that spell only its letters
  // ("local arrangements" for LA2) are not its expansion unless they hold the number too.
  const digits = acronym.match(/[0-9]+/g) ?? [];
  if (digits.some((d) => !words.some((w) => w.includes(d)))) return false;
  const letters = acronym.replace(/[^A-Z]/g, '');
  const match = (li: number, wi: number): boolean => {
    // Every letter spelt: only the acronym's number may be left ("Local Area 2" for LA2).
    if (li === letters.length) return words.slice(wi).every((w) => /^[0-9]+$/.test(w));
    if (wi === words.length) return false;
    const word = words[wi];
    if ((SMALL_WORDS.has(word.toLowerCase()) || /^[0-9]+$/.test(word)) && match(li, wi + 1)) return true;
    // A hyphenated word may give one letter per part ("Multi-Agency" → MA).
    const initials = initialsOfParts(word);
    if (initials.length > 0 && letters.startsWith(initials, li) && match(li + initials.length, wi + 1)) return true;
    return word[0]?.toUpperCase() === letters[li] && match(li + 1, wi + 1);
  };
  return letters.length > 0 && match(0, 0);
}

interface Definition {
  expansion: string;
  offset: number;
}

/** Definitions the document gives, by acronym, earliest first. */
function documentDefinitions(text: string): Map<string, Definition> {
  const defs = new Map<string, Definition>();
  // Both forms below need an acronym: two capitals in a row.
  if (!TWO_CAPITALS.test(text)) return defs;
  const add = (acronym: string, expansion: string, offset: number) => {
    // "LSCB – Local Safeguarding Children's Board." : the full stop ends the line, not the name.
    const cleaned = expansion.trim().replace(/[\s.,;:]+$/, '');
    if (cleaned && (!defs.has(acronym) || defs.get(acronym)!.offset > offset)) defs.set(acronym, { expansion: cleaned, offset });
  };
  // "Multi-Agency Safeguarding Hub (MASH)": the words before the brackets spell it. Find the
  // bracketed acronym first, then read back a few words (no open-ended regex over the text).
  for (const m of text.matchAll(/\(([A-Z][A-Z0-9&]{1,7})s?(?:[\s,;][^)\n]{0,30})?\)/gu)) {
    // The 120 characters before the brackets, from the start of their line (a window, not a
    // search back to the line's start, which is quadratic on a long one-line paragraph).
    const window = text.slice(Math.max(0, m.index! - 120), m.index!);
    const words = window.slice(window.lastIndexOf('\n') + 1).trim().split(/\s+/).slice(-8);
    for (let n = 1; n <= words.length; n++) {
      const tail = words.slice(words.length - n).map((w) => w.replace(/[^\p{L}0-9'’-]/gu, '')).filter(Boolean);
      if (tail.length === n && spells(m[1], tail)) {
        add(m[1], tail.join(' '), m.index! + 1);
        break;
      }
    }
  }
  // "MASH (Multi-Agency Safeguarding Hub)" and list lines "MASH – Multi-Agency Safeguarding Hub".
  for (const m of text.matchAll(/\b([A-Z][A-Z0-9&]{1,7})s?(?:\s*\(([^)\n]{3,80})\)|[ \t]*[-–—:=\t][ \t]*([^\n]{3,80}))/g)) {
    const expansion = (m[2] ?? m[3]).trim();
    if (spells(m[1], expansion.replace(/[^\p{L}0-9\s'’-]/gu, ' ').trim().split(/\s+/).slice(0, 10))) add(m[1], expansion, m.index!);
    else if (m[3] && startsLine(text, m.index!)) add(m[1], expansion, m.index!); // a list line
  }
  return defs;
}

/**
 * Whether only white space and perhaps one list marker ("- ", "* ") stand between the start of
 * the line and `at`. Reads back only over those characters.
 */
function startsLine(text: string, at: number): boolean {
  let markers = 0;
  let i = at - 1;
  for (; i >= 0 && text[i] !== '\n'; i--) {
    if (text[i] === '-' || text[i] === '*') {
      if (++markers > 1) return false;
    } else if (!/\s/.test(text[i])) return false;
  }
  return true;
}

interface ParagraphAcronyms {
  /** First use of each acronym in the paragraph (paragraph offsets), with its plural "s". */
  uses: Array<{ acronym: string; plural: string; offset: number; footnoted: boolean }>;
  definitions: Map<string, Definition>;
}

/** What a paragraph uses and defines (cached per paragraph: an edit re-reads only its paragraph). */
function readParagraph(text: string): ParagraphAcronyms {
  const uses: ParagraphAcronyms['uses'] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(ACRONYM)) {
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    // "RCPC ⁴": a footnote explains it.
    const footnoted = /^\s?[¹²³⁴⁵⁶⁷⁸⁹⁰]/u.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 2));
    uses.push({ acronym: m[1], plural: m[2], offset: m.index!, footnoted });
  }
  return { uses, definitions: documentDefinitions(text) };
}

function writtenBefore(masked: string, expansion: string, before: number): boolean {
  const lower = expansion.toLowerCase();
  // Lower-case only a window at a time: a long document is never lowered whole for one lookup.
  const WINDOW = 16384;
  for (let from = 0; from < before; from += WINDOW) {
    const to = Math.min(masked.length, from + WINDOW + lower.length);
    const found = forMatching(masked.slice(from, to)).indexOf(lower);
    if (found >= 0) return from + found < before;
  }
  return false;
}

export const acronymCheck: RecordCheck = { name: 'acronyms', run: acronymCheckRun };

function acronymCheckRun(input: RecordCheckInput, ruleId: string): RecordMatch[] {
  const { glossary, commonAcronyms } = input.lexicon;
  const paragraphs = input.seg.paragraphs.map((p) => ({ p, read: cached(input.cache, 'acronyms', p.text, () => readParagraph(p.text)) }));
  // The earliest definition of each acronym, in document offsets.
  const defined = new Map<string, Definition>();
  for (const { p, read } of paragraphs) {
    for (const [acronym, d] of read.definitions) if (!defined.has(acronym)) defined.set(acronym, { ...d, offset: d.offset + p.start });
  }
  const seen = new Set<string>();
  const out: RecordMatch[] = [];
  for (const { p, read } of paragraphs) {
    for (const use of read.uses) {
      const { acronym } = use;
      if (seen.has(acronym)) continue;
      seen.add(acronym);
      if (commonAcronyms.has(acronym) || use.footnoted) continue;
      const at = p.start + use.offset;
      const definition = defined.get(acronym);
      const known = glossary.get(acronym);
      if (!definition && !known) continue; // unknown capitals: a name, a code, a heading word
      // Expanded at (or before) first use: nothing to say.
      if (definition && definition.offset <= at + 2) continue;
      // Written out in full earlier in the document (in any case): only the text before this use is read.
      if (known && writtenBefore(input.seg.masked, known.expansion, at)) continue;
      const expansion = withoutRepeatedLastWord(definition?.expansion ?? known!.expansion, input.seg.masked, at + acronym.length + use.plural.length);
      out.push({
        ruleId,
        start: at,
        end: at + acronym.length + use.plural.length,
        message: `Jargon: "${acronym}" is used before it is explained. Write it in full at first use: ${expansion} (${acronym}).`,
        suggestions: [`${expansion} (${acronym}${use.plural})`],
      });
    }
  }
  return out;
}

/**
 * The expansion without its last word when the text goes on with that word: "ABE interview" with
 * the expansion "Achieving Best Evidence interview" becomes "Achieving Best Evidence (ABE)
 * interview", not "Achieving Best Evidence interview (ABE) interview".
 */
export function withoutRepeatedLastWord(expansion: string, text: string, after: number): string {
  const words = expansion.split(/\s+/);
  if (words.length < 2) return expansion;
  const next = /^[ \t]+([\p{L}'’-]+)/u.exec(text.slice(after, after + 40))?.[1];
  const last = words[words.length - 1];
  const same = (a: string, b: string) => a.toLowerCase().replace(/s$/, '') === b.toLowerCase().replace(/s$/, '');
  return next && same(next, last) ? words.slice(0, -1).join(' ') : expansion;
}

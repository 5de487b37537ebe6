// A lexicon condition's regular expression, described for a reader who does not read regular
// expressions: alternatives become "a/b/c" (in {braces} when other words stand next to them),
// optional parts "(x)", a word stem "engag…", a stretch of the sentence " … ", a capitalised name
// "<Name>", and two lookaheads "{x} and {y}". Used by `heard explain`, the rule pages and
// anything else that shows a rule's conditions (ruleText.ts).
import { RegExpParser, type AST } from '@eslint-community/regexpp';

const parser = new RegExpParser({ ecmaVersion: 2022 });

/** Where the expression is tied to the text it is tested on (`^` at its start, `$` at its end). */
export interface RegexWords {
  words: string;
  anchoredAtStart: boolean;
  anchoredAtEnd: boolean;
}

const SPACE = ' ';
const GAP = ' … ';

function isWhitespace(node: AST.Node): boolean {
  return node.type === 'CharacterSet' && node.kind === 'space' && !node.negate;
}

function isWordCharacter(node: AST.Node): boolean {
  return node.type === 'CharacterSet' && node.kind === 'word' && !node.negate;
}

/** `[^.]`, `[\s\S]`, `.`: any stretch of text (within the sentence). */
function isAnyText(node: AST.Node): boolean {
  if (node.type === 'CharacterSet' && node.kind === 'any') return true;
  if (node.type !== 'CharacterClass') return false;
  if (node.negate) return true;
  const kinds = node.elements.map((e) => (e.type === 'CharacterSet' && 'negate' in e ? `${e.kind}${e.negate ? '-' : '+'}` : ''));
  return kinds.includes('space+') && kinds.includes('space-');
}

/** `[A-Z]`: a capital letter (the start of a name). */
function isCapital(node: AST.Node): boolean {
  return node.type === 'CharacterClass' && !node.negate && node.elements.some((e) => e.type === 'CharacterClassRange' && e.min.raw === 'A' && e.max.raw === 'Z');
}

function alternativesWords(alternatives: AST.Alternative[]): string {
  const each = alternatives.map((a) => elementsWords(a.elements).trim()).filter((w) => w !== '');
  return each.join('/');
}

/** Elements that stand for words (not `^`, `$`, `\b` or spaces). */
function wordElements(elements: AST.Element[]): AST.Element[] {
  return elements.filter((e) => e.type !== 'Assertion' && !isWhitespace(e) && !(e.type === 'Quantifier' && (isWhitespace(e.element) || isAnyText(e.element))));
}

function isLookahead(node: AST.Element): node is AST.LookaroundAssertion {
  return node.type === 'Assertion' && node.kind === 'lookahead' && !node.negate;
}

function elementsWords(elements: AST.Element[]): string {
  let out = '';
  // Alternatives next to other words are grouped in {braces}: "step(-){dad/father}", "chok{ed/ing}".
  const grouped = wordElements(elements).length > 1;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    // (?=…X)(?=…Y): the text holds both X and Y, anywhere.
    if (isLookahead(element)) {
      const both: string[] = [];
      for (; i < elements.length && isLookahead(elements[i]); i++) both.push(`{${tidy(alternativesWords((elements[i] as AST.LookaroundAssertion).alternatives)).replace(/^…\s*/, '')}}`);
      i--;
      out += ` ${both.join(' and ')} `;
      continue;
    }
    if (grouped && (element.type === 'Group' || element.type === 'CapturingGroup') && element.alternatives.length > 1) {
      out += `{${alternativesWords(element.alternatives)}}`;
      continue;
    }
    // `[A-Z]\w+`: a word starting with a capital letter.
    if (isCapital(element) && elements[i + 1]?.type === 'Quantifier' && isWordCharacter((elements[i + 1] as AST.Quantifier).element)) {
      out += '<Name>';
      i++;
      continue;
    }
    out += elementWords(element);
  }
  return out;
}

function elementWords(node: AST.Element): string {
  switch (node.type) {
    case 'Character':
      return String.fromCodePoint(node.value);
    case 'CharacterSet':
      if (node.kind === 'space') return SPACE;
      if (node.kind === 'digit') return '<digit>';
      if (node.kind === 'word') return '<letter>';
      if (node.kind === 'any') return GAP;
      return '';
    case 'CharacterClass': {
      if (isAnyText(node)) return GAP;
      if (isCapital(node)) return '<capital letter>';
      const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
      const digitsOnly = node.elements.every((e) => (e.type === 'Character' && isDigit(e.value)) || (e.type === 'CharacterClassRange' && isDigit(e.min.value) && isDigit(e.max.value)));
      if (digitsOnly && !node.negate && node.elements.length > 0 && !(node.elements.length === 1 && node.elements[0].type === 'Character')) return '<digit>';
      // A class of alternative spellings of one character (straight and curly quotes): the first.
      const first = node.elements[0];
      return first && first.type === 'Character' ? String.fromCodePoint(first.value) : '';
    }
    case 'Group':
    case 'CapturingGroup':
      return alternativesWords(node.alternatives);
    case 'Quantifier':
      return quantifierWords(node);
    case 'Assertion':
      if (node.kind === 'lookahead' || node.kind === 'lookbehind') {
        const inner = tidy(alternativesWords(node.alternatives));
        return node.negate ? ` (but not ${inner}) ` : ` {${inner}} `;
      }
      // ^, $ and \b are where the words stand, not words.
      return '';
    default:
      return '';
  }
}

function quantifierWords(node: AST.Quantifier): string {
  const inner = node.element;
  if (isWhitespace(inner)) return SPACE;
  if (isAnyText(inner)) return node.max > 1 ? GAP : '';
  // `engag\w*`: any word that starts so.
  if (isWordCharacter(inner)) return '…';
  const words = elementWords(inner);
  if (node.min === 0 && node.max === 1) {
    const trimmed = (inner.type === 'Group' || inner.type === 'CapturingGroup') && inner.alternatives.length > 1 ? alternativesWords(inner.alternatives).trim() : words.trim();
    if (trimmed === '') return '';
    // An optional word (`(the\s+)?`) stands apart; an optional ending (`s?`, `(ed|ing)?`) does not.
    return /\\s| /.test(inner.raw) ? ` (${trimmed}) ` : `(${trimmed})`;
  }
  return words;
}

function tidy(words: string): string {
  return words
    .replace(/\s*…\s*…\s*/g, ' … ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([)/}])/g, '$1')
    .replace(/([(/{])\s+/g, '$1')
    .trim();
}

/** The expression in words, or its source when it cannot be parsed (never the case for a compiled lexicon). */
export function regexInWords(source: string): RegexWords {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: false });
  } catch {
    return { words: source, anchoredAtStart: false, anchoredAtEnd: false };
  }
  const anchored = (kind: 'start' | 'end') =>
    pattern.alternatives.every((a) => {
      const edge = kind === 'start' ? a.elements[0] : a.elements[a.elements.length - 1];
      return edge?.type === 'Assertion' && edge.kind === kind;
    });
  const parts = pattern.alternatives.map((a) => tidy(elementsWords(a.elements))).filter((w) => w !== '');
  return { words: parts.join(' / '), anchoredAtStart: anchored('start'), anchoredAtEnd: anchored('end') };
}

// Splits a document into the parts the matcher reads (paragraphs) and the parts it must not
// (front matter, code, HTML comments, link targets), and collects the inline
// `heard-disable…` directives. Offsets are kept: masked text has the same length as the input.
import { yaml } from './libraries';
import type { DocumentFormat } from './types';

export type ParagraphKind = 'heading' | 'text' | 'list' | 'table';

export interface Paragraph {
  start: number;
  end: number;
  /** The paragraph with code, comments and link targets blanked out (same length as the slice). */
  text: string;
  kind: ParagraphKind;
  /** For a table row: the table's first row (its header), which can say what the table is. */
  tableHeader?: string;
}

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids or category ids; empty means every rule. */
  rules: string[];
  reason: string;
  /** 0-based lines where the comment starts and ends. */
  line: number;
  endLine: number;
  offset: number;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Offset just past the closing `---` line. */
  end: number;
  error?: string;
}

export interface SegmentedDocument {
  frontMatter?: FrontMatter;
  paragraphs: Paragraph[];
  directives: Directive[];
  /** The whole text with non-prose blanked out. */
  masked: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
/**
 * HTML comments, found by `htmlComments` rather than a regex: `/<!--([\s\S]*?)-->/g` rescans
 * to the end of the text from every unclosed `<!--`, which is quadratic.
 */
const COMMENT_OPEN = '<!--';
const COMMENT_CLOSE = '-->';
const INLINE_CODE = /(`+)[^`\n]*?\1/g;
const AUTOLINK = /<https?:[^>\s]*>/g;
/**
 * A link reference definition, `[label]: url "title"`: none of it is shown as text. The label is
 * bounded so a line of `[` cannot make the scan quadratic.
 */
const LINK_REFERENCE_DEFINITION = /^[ ]{0,3}\[[^\]\n]{1,999}\]:[ \t]*\S[^\n]*$/gm;
/** The label of a reference link, `[text][label]`: only `text` is shown. The `]` is kept. */
const REFERENCE_LABEL = /\]\[[^\]\n]{0,999}\]/g;
/** HTML elements whose tags may appear in Markdown; their tags and attributes are not prose. */
const HTML_ELEMENTS =
  'a|abbr|address|article|aside|audio|b|bdi|bdo|blockquote|br|button|caption|center|cite|code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|kbd|label|li|main|mark|nav|ol|option|p|picture|pre|q|s|samp|section|select|small|source|span|strong|sub|summary|sup|table|tbody|td|textarea|tfoot|th|thead|time|tr|u|ul|var|video|wbr';
/**
 * An HTML start or end tag of a known element, with its attributes (`<img alt="…" src="…">`):
 * blanked whole, so attribute values are not read as prose; the text between tags still is.
 * Attribute values are bounded and stay on one line, so an unclosed quote costs little.
 */
const HTML_TAG = new RegExp(
  `</?(?:${HTML_ELEMENTS})(?=[\\s/>])(?:\\s+[A-Za-z_:][\\w:.-]*(?:\\s*=\\s*(?:"[^"\\n]{0,500}"|'[^'\\n]{0,500}'|[^\\s"'=<>\`]{1,500}))?)*\\s*/?>`,
  'gi',
);
const BARE_URL = /\bhttps?:\/\/[^\s)>\]]+/g;
const DIRECTIVE = /^\s*heard-(disable-next-line|disable-line|disable-file|disable|enable)\b([^]*)$/;
const BLOCK_START = /^\s*(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\||\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)/;

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

/**
 * `text` with every match of the global regex `re` blanked out, keeping the first `keep`
 * characters of each match. An exec loop rather than `replace(re, fn)`: V8's replace with a
 * function takes a slow path that costs ~1.5 ms on a 240 KB document even when nothing matches,
 * and segmenting runs on every keystroke in the editor.
 */
function blankMatches(text: string, re: RegExp, keep = 0, onMatch?: (m: RegExpExecArray) => void): string {
  re.lastIndex = 0;
  let m = re.exec(text);
  if (!m) return text;
  let out = '';
  let last = 0;
  for (; m; m = re.exec(text)) {
    onMatch?.(m);
    out += text.slice(last, m.index + keep) + blank(m[0].slice(keep));
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return out + text.slice(last);
}

/** A stretch of text to blank: [start, end), keeping the first `keep` characters. */
interface Blanked {
  start: number;
  end: number;
  keep?: number;
}

/** `text` with every range (in order, not overlapping) blanked. */
function blankRanges(text: string, ranges: Blanked[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let last = 0;
  for (const r of ranges) {
    const from = r.start + (r.keep ?? 0);
    out += text.slice(last, from) + blank(text.slice(from, r.end));
    last = r.end;
  }
  return out + text.slice(last);
}

/**
 * Every `<!-- … -->` in text order, with the offset of its body. One pass: an unclosed `<!--`
 * ends the search, since no later comment can close either.
 */
function htmlComments(text: string): Array<Blanked & { body: string }> {
  const out: Array<Blanked & { body: string }> = [];
  for (let open = text.indexOf(COMMENT_OPEN); open >= 0; ) {
    const close = text.indexOf(COMMENT_CLOSE, open + COMMENT_OPEN.length);
    if (close < 0) break;
    out.push({ start: open, end: close + COMMENT_CLOSE.length, body: text.slice(open + COMMENT_OPEN.length, close) });
    open = text.indexOf(COMMENT_OPEN, close + COMMENT_CLOSE.length);
  }
  return out;
}

/**
 * Link and image targets: `](` up to the next `)` on the same line, which is blanked with the
 * brackets' contents kept. A scan that never goes back: where no `)` closes a `](` before the line
 * ends, no later `](` on that line can be closed either, so the search moves to the next line
 * (the regex `/\]\([^)\n]*\)/g` rescanned the rest of the line from every `](`).
 */
function linkTargets(text: string): Blanked[] {
  const out: Blanked[] = [];
  for (let at = text.indexOf(']('); at >= 0; ) {
    let i = at + 2;
    while (i < text.length && text[i] !== ')' && text[i] !== '\n') i++;
    if (text[i] === ')') {
      out.push({ start: at, end: i + 1, keep: 1 });
      at = text.indexOf('](', i + 1);
    } else {
      at = text.indexOf('](', i);
    }
  }
  return out;
}

/** The 0-based line of each offset (offsets in increasing order), in one pass over the text. */
function linesOf(text: string, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 0;
  let i = text.indexOf('\n');
  for (const offset of offsets) {
    while (i >= 0 && i < offset) {
      line++;
      i = text.indexOf('\n', i + 1);
    }
    lines.push(line);
  }
  return lines;
}

function parseDirective(body: string, offset: number, length: number): Omit<Directive, 'line' | 'endLine'> & { length: number } | undefined {
  const m = DIRECTIVE.exec(body);
  if (!m) return undefined;
  const [ruleText, ...reasonParts] = m[2].split(/\s--\s?/);
  const rules = ruleText
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  return {
    kind: m[1] as DirectiveKind,
    rules,
    reason: reasonParts.join(' -- ').trim(),
    offset,
    length,
  };
}

export function segment(text: string, format: DocumentFormat): SegmentedDocument {
  let masked = text;
  let frontMatter: FrontMatter | undefined;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    frontMatter = { data: {}, end: fm[0].length };
    try {
      const data = yaml().parse(fm[1]);
      if (data && typeof data === 'object' && !Array.isArray(data)) frontMatter.data = data as Record<string, unknown>;
    } catch (e) {
      frontMatter.error = `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`;
    }
    masked = blank(fm[0]) + masked.slice(fm[0].length);
  }

  // HTML comments: blank them, keep directives (in plain text too: it is the one syntax we document).
  const comments = htmlComments(masked);
  const found = comments.flatMap((c) => parseDirective(c.body, c.start, c.end - c.start) ?? []);
  // Lines for every directive in one pass (a line count per directive from the start was quadratic).
  const lines = linesOf(text, found.flatMap((d) => [d.offset, d.offset + d.length]));
  const directives: Directive[] = found.map(({ length: _length, ...d }, i) => ({ ...d, line: lines[2 * i], endLine: lines[2 * i + 1] }));
  masked = blankRanges(masked, comments);

  if (format === 'markdown') {
    // Fenced code blocks.
    const lines = masked.split('\n');
    let fence: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const m = FENCE.exec(lines[i]);
      if (fence) {
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
        lines[i] = blank(lines[i]);
      } else if (m) {
        fence = m[1];
        lines[i] = blank(lines[i]);
      }
    }
    masked = lines.join('\n');
    // Inline code, link and image targets, autolinks, bare URLs.
    masked = blankMatches(masked, INLINE_CODE);
    masked = blankRanges(masked, linkTargets(masked));
    masked = blankMatches(masked, AUTOLINK);
    masked = blankMatches(masked, LINK_REFERENCE_DEFINITION);
    masked = blankMatches(masked, REFERENCE_LABEL, 1);
    masked = blankMatches(masked, HTML_TAG);
  }
  masked = blankMatches(masked, BARE_URL);

  return { frontMatter, paragraphs: splitParagraphs(masked), directives, masked };
}

// Headings, tables, lists and dated lines all start with one of these (after any indent): a line
// starting with a letter, as most prose does, needs no regex.
const BLOCK_MARKERS = '#|-*+0123456789';

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]));
}

/** Index of the first character in [from, to) that is not white space (as `\s` defines it), or -1. */
function firstNonSpaceIndex(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!isSpaceAt(text, i)) return i;
  return -1;
}

/** The kind of block a line starting with a block marker opens. */
function kindOf(line: string): ParagraphKind {
  if (/^\s*#{1,6}\s/.test(line)) return 'heading';
  if (/^\s*\|/.test(line)) return 'table';
  if (/^\s*(?:[-*+]|\d{1,3}[.)])\s/.test(line)) return 'list';
  return 'text';
}

/**
 * A copy of a substring that does not keep the whole document alive: V8 represents a slice as a
 * view of its parent, and cached paragraph results would otherwise hold every edited version of
 * the document in memory.
 */
export function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

function splitParagraphs(masked: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = -1;
  let kind: ParagraphKind = 'text';
  let lineStart = 0;
  const close = (end: number) => {
    if (start >= 0) {
      // Trim trailing white space so the paragraph ends on its last character.
      let e = end;
      while (e > start && isSpaceAt(masked, e - 1)) e--;
      // A slice, not a copy: the cache copies what it keeps (see `ownStrings` in cache.ts).
      if (e > start) {
        const paragraph: Paragraph = { start, end: e, text: masked.slice(start, e), kind };
        if (kind === 'table') {
          // Rows of one table are consecutive lines: each knows the table's first row.
          const previous = paragraphs[paragraphs.length - 1];
          const sameTable = previous?.kind === 'table' && !/\n\s*\n/.test(masked.slice(previous.end, start));
          paragraph.tableHeader = sameTable ? previous.tableHeader : paragraph.text;
        }
        paragraphs.push(paragraph);
      }
    }
    start = -1;
  };
  while (lineStart <= masked.length) {
    let lineEnd = masked.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = masked.length;
    const firstAt = firstNonSpaceIndex(masked, lineStart, lineEnd);
    if (firstAt < 0) {
      close(lineStart);
    } else {
      // Only a line starting with a block marker is sliced out and read with the block regexes.
      const line = BLOCK_MARKERS.includes(masked[firstAt]) ? masked.slice(lineStart, lineEnd) : undefined;
      const k = line === undefined ? 'text' : kindOf(line);
      if (start >= 0 && ((line !== undefined && BLOCK_START.test(line)) || kind === 'heading' || k === 'heading')) close(lineStart);
      if (start < 0) {
        start = firstAt;
        kind = k;
      }
    }
    lineStart = lineEnd + 1;
  }
  close(masked.length);
  return paragraphs;
}

// Terminal columns, so excerpts and carets line up and nothing wraps: a combining mark takes no
// column, an emoji or a CJK character takes two, everything else one; tabs are shown as one space.

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u200B-\u200F\uFE00-\uFE0F]$/u;
const WIDE = /^[\p{Extended_Pictographic}\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]$/u;

/** Columns one code point takes in a terminal. */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x300) return code < 0x20 || (code >= 0x7f && code < 0xa0) ? 0 : 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  // Pictographs below U+2000 (©, ®) are narrow unless followed by an emoji selector (ignored).
  if (code >= 0x2000 && WIDE.test(ch)) return 2;
  if (code >= 0x1100 && code < 0x1160) return 2;
  return 1;
}

/** Columns a string takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Splits text into lines of at most `first` columns (then `rest`), at spaces where it can. */
export function wrap(text: string, first: number, rest = first): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  let limit = Math.max(1, first);
  const flush = () => {
    lines.push(line);
    line = '';
    lineWidth = 0;
    limit = Math.max(1, rest);
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = displayWidth(word);
    if (line !== '' && lineWidth + 1 + w > limit) flush();
    let piece = word;
    // A word longer than a whole line (a URL) is cut.
    while (w > limit) {
      let cut = '';
      let cutWidth = 0;
      for (const ch of piece) {
        const cw = charWidth(ch);
        if (cutWidth + cw > limit - lineWidth - (line === '' ? 0 : 1)) break;
        cut += ch;
        cutWidth += cw;
      }
      if (cut === '') {
        flush();
        continue;
      }
      line += (line === '' ? '' : ' ') + cut;
      flush();
      piece = piece.slice(cut.length);
      w = displayWidth(piece);
    }
    if (piece === '') continue;
    line += (line === '' ? '' : ' ') + piece;
    lineWidth += (lineWidth === 0 ? 0 : 1) + w;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

// The text of a rich-text field as one string, and the way back from an offset in that string to a
// point in the page (a text node and an offset in it). DOM-free (nodes are a type parameter), so
// the mapping is unit-tested in Node and used by the content script with real DOM nodes.

/** A piece of a field's text in document order: a text node's characters, or a line break the markup implies. */
export type Piece<N> = { kind: 'text'; node: N; text: string } | { kind: 'break'; text: string };

export interface TextSpan<N> {
  node: N;
  /** Offsets of the node's characters in the field's text. */
  start: number;
  end: number;
}

export interface TextMap<N> {
  text: string;
  /** Text nodes in order; the characters between two spans are implied breaks (no node). */
  spans: TextSpan<N>[];
}

/**
 * Joins the pieces. Breaks collapse: consecutive breaks count as the longest of them, a break
 * after text that already ends with as many newlines adds nothing, and none is written before the
 * first text or after the last, so empty and nested blocks add no blank lines the user never typed.
 */
export function buildTextMap<N>(pieces: Iterable<Piece<N>>): TextMap<N> {
  const parts: string[] = [];
  const spans: TextSpan<N>[] = [];
  let length = 0;
  let trailingNewlines = 0;
  let pendingBreak = 0;
  for (const piece of pieces) {
    if (piece.kind === 'break') {
      if (length > 0) pendingBreak = Math.max(pendingBreak, piece.text.length);
      continue;
    }
    if (piece.text.length === 0) continue;
    if (pendingBreak > trailingNewlines) {
      const add = '\n'.repeat(pendingBreak - trailingNewlines);
      parts.push(add);
      length += add.length;
    }
    pendingBreak = 0;
    spans.push({ node: piece.node, start: length, end: length + piece.text.length });
    parts.push(piece.text);
    length += piece.text.length;
    const tail = /\n*$/.exec(piece.text)![0].length;
    trailingNewlines = tail === piece.text.length ? trailingNewlines + tail : tail;
  }
  return { text: parts.join(''), spans };
}

/**
 * The node and offset for a text offset. `edge` says which side wins at a boundary: a range's start
 * goes to the following node (`forward`), its end to the preceding one (`backward`), so a range
 * never starts or ends inside a break the markup implies. Binary search: a 100 KB note has
 * thousands of text nodes.
 */
export function pointAt<N>(map: TextMap<N>, offset: number, edge: 'forward' | 'backward'): { node: N; offset: number } | undefined {
  const spans = map.spans;
  if (spans.length === 0) return undefined;
  let lo = 0;
  let hi = spans.length - 1;
  // The first span whose end is >= offset (or > offset going forward).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = spans[mid].end;
    if (edge === 'forward' ? end <= offset : end < offset) lo = mid + 1;
    else hi = mid;
  }
  let span = spans[lo];
  if (edge === 'forward') {
    if (offset >= span.end) return { node: span.node, offset: span.end - span.start };
    return { node: span.node, offset: Math.max(0, offset - span.start) };
  }
  if (offset < span.start) {
    // The offset falls in a break before this span: end at the previous node's end.
    if (lo === 0) return { node: span.node, offset: 0 };
    span = spans[lo - 1];
    return { node: span.node, offset: span.end - span.start };
  }
  return { node: span.node, offset: Math.min(offset, span.end) - span.start };
}

/** The text offset of a point given as a node and an offset in it (the caret, say); -1 if the node is not a mapped text node. */
export function offsetOf<N>(map: TextMap<N>, node: N, offsetInNode: number): number {
  for (const span of map.spans) if (span.node === node) return span.start + Math.min(offsetInNode, span.end - span.start);
  return -1;
}

// The phrase matcher: runs the lexicon's prefiltered patterns over one paragraph and keeps the
// candidates its context allows (context/paragraphView.ts decides).
import { ParagraphView, type Candidate, type DocumentContext } from './context/paragraphView';
import type { CompiledLexicon, PatternRef } from './lexicon';
import type { ParagraphMatch } from './matches';
import type { Paragraph } from './segment';

/** Numbers the paragraphs the matcher scans (see `PatternRef.scan`). */
let scanNumber = 0;

/** No lexicon pattern matches more than this many characters before its anchor word. */
const MAX_MATCH_REACH = 300;

/** Runs the prefiltered patterns over one paragraph and keeps the matches the context allows. */
export function matchParagraph(paragraph: Paragraph, lexicon: CompiledLexicon, ctx: DocumentContext): ParagraphMatch[] {
  const text = paragraph.text;
  // Facts about the paragraph are computed on demand and shared with the record checks.
  const view = ParagraphView.of(text, ctx, paragraph.tableHeader);
  // Patterns are lower case and run on lower-cased text of the same length.
  const matchable = view.lower;
  const candidates: Candidate[] = [];
  // The prefilter: only patterns whose anchor word occurs in the paragraph are run, and only
  // around the places it occurs (a match must contain its anchor, and no pattern is longer than
  // MAX_MATCH_REACH characters), so a long paragraph is not rescanned once per pattern.
  const found = (entry: PatternRef['entry'], pattern: PatternRef['pattern'], m: RegExpExecArray) => {
    let focusStart = m.index;
    let focusEnd = m.index + m[0].length;
    const focus = m.indices?.groups?.focus;
    if (focus) [focusStart, focusEnd] = focus;
    candidates.push({ entry, pattern, start: m.index, end: m.index + m[0].length, focusStart, focusEnd });
  };
  for (const { entry, pattern } of lexicon.unanchored) {
    if (!ctx.isEnabled(entry.entry.id)) continue;
    if (pattern.skeleton) {
      pattern.skeleton.lastIndex = 0;
      if (!pattern.skeleton.test(matchable)) continue;
    }
    const regex = pattern.regex;
    const subject = pattern.usesSlots ? view.slotted : matchable;
    regex.lastIndex = 0;
    for (let m = regex.exec(subject); m; m = regex.exec(subject)) {
      found(entry, pattern, m);
      if (m[0].length === 0) regex.lastIndex++;
    }
  }
  // Anchor words in text order; each pattern filed under the word runs around it, resuming
  // where it last stopped in this paragraph so no stretch is scanned twice by the same pattern.
  const scan = ++scanNumber;
  const anchorWords = lexicon.anchorWords;
  anchorWords.lastIndex = 0;
  for (let w = anchorWords.exec(matchable); w; w = anchorWords.exec(matchable)) {
    const anchor = w.index;
    for (const ref of lexicon.byAnchor.get(w[0])!) {
      if (!ctx.isEnabled(ref.entry.entry.id)) continue;
      if (ref.scan !== scan) {
        ref.scan = scan;
        ref.scannedTo = 0;
        ref.pending = undefined;
        // A pattern with slots first tests its skeleton (each slot as a few words) on the plain
        // text, once per paragraph, from its first anchor on: most paragraphs never need the copy
        // with people marked.
        const skeleton = ref.pattern.skeleton;
        if (skeleton) skeleton.lastIndex = Math.max(0, anchor - (ref.pattern.reach ?? MAX_MATCH_REACH));
        ref.skeletonHit = !skeleton || skeleton.test(matchable);
      }
      const regex = ref.pattern.regex;
      if (!ref.skeletonHit) continue;
      // Patterns with a person slot run on the paragraph with people marked (same offsets).
      const subject = ref.pattern.usesSlots ? view.slotted : matchable;
      let scannedTo = ref.scannedTo;
      // A match holding this anchor starts at most MAX_MATCH_REACH before it.
      let from = Math.max(scannedTo, anchor - (ref.pattern.reach ?? MAX_MATCH_REACH));
      let m: RegExpExecArray | null;
      const pending = ref.pending;
      if (pending !== undefined && from >= ref.pendingFrom && (pending === null || from <= pending.index)) {
        m = pending;
      } else {
        regex.lastIndex = from;
        m = regex.exec(subject);
      }
      while (m && m.index <= anchor) {
        if (m.index + m[0].length > anchor) found(ref.entry, ref.pattern, m);
        scannedTo = m.index + Math.max(m[0].length, 1);
        from = regex.lastIndex = scannedTo;
        m = regex.exec(subject);
      }
      ref.pending = m;
      ref.pendingFrom = from;
      ref.scannedTo = Math.max(scannedTo, anchor);
    }
  }
  if (candidates.length === 0) return [];

  const kept: ParagraphMatch[] = [];
  candidates.sort((a, b) => a.focusStart - b.focusStart || b.focusEnd - a.focusEnd);
  // One finding per entry per place: drop a candidate overlapping a kept one of the same entry.
  // Candidates come in order of start, so every kept match starts at or before this one: a
  // non-empty candidate overlaps one of them exactly when it starts before the furthest end kept
  // for its entry (a lookup, not a scan of everything kept, which was quadratic).
  const furthestEnd = new Map<string, number>();
  for (const c of candidates) {
    const id = c.entry.entry.id;
    const overlaps =
      c.focusEnd > c.focusStart
        ? c.focusStart < (furthestEnd.get(id) ?? -1)
        : kept.some((k) => k.ruleId === id && c.focusStart < k.end && c.focusEnd > k.start);
    if (overlaps) continue;
    if (view.allows(c)) {
      kept.push({ ruleId: id, start: c.focusStart, end: c.focusEnd });
      furthestEnd.set(id, Math.max(furthestEnd.get(id) ?? -1, c.focusEnd));
    }
  }
  return kept;
}

// What the engine may reuse between analyses of one document (the language server keeps one per
// open document): results per paragraph and per record, keyed by their text and the document
// context. Pure: no Node or editor imports.
import { forMatching } from './patterns';
import { ownCopy, type Paragraph, type SegmentedDocument } from './segment';
import { countBefore } from './text';

/**
 * What the engine may reuse between analyses of one document: results for paragraphs and records
 * whose text and context have not changed. Each analysis is a pass; at its end, entries the pass
 * did not use are dropped, so the cache holds the current document only and does not grow as the
 * text is edited.
 */
export class AnalysisCache {
  // scope (what kind of result, in which document context) → text → result. Two levels, so a
  // lookup never builds a key string holding the text.
  private readonly scopes = new Map<string, Map<string, { value: unknown; pass: number }>>();
  // Paragraph texts by content (see `canonical`).
  private readonly texts = new Map<string, { text: string; pass: number }>();
  private pass = 0;
  hits = 0;
  misses = 0;

  /**
   * The value stored for `text` in `scope`, or `compute()`'s, stored for later passes. `compute`
   * must return fresh objects: the cache makes their strings its own, in place (`ownStrings`).
   */
  memo<T>(scope: string, text: string, compute: () => T): T {
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    // The text itself is the key: V8 hashes a string once, natively, and compares keys with memcmp.
    const hit = entries.get(text);
    if (hit) {
      this.hits++;
      hit.pass = this.pass;
      return hit.value as T;
    }
    this.misses++;
    const value = compute();
    const key = this.texts.get(text)?.text === text ? text : ownCopy(text);
    entries.set(key, { value: ownStrings(value), pass: this.pass });
    return value;
  }

  /**
   * The cache's own copy of a paragraph's text. After an edit every paragraph is a new string;
   * swapping it for the copy kept from the last pass lets the lookups that follow in each scope
   * find their key by identity instead of comparing characters again.
   */
  canonical(text: string): string {
    const known = this.texts.get(text);
    if (known) {
      known.pass = this.pass;
      return known.text;
    }
    const own = ownCopy(text);
    this.texts.set(own, { text: own, pass: this.pass });
    return own;
  }

  /** Starts an analysis pass. */
  startPass(): void {
    this.pass++;
  }

  /** Ends a pass: forgets what it did not use (text that is gone, or a document left behind). */
  endPass(): void {
    for (const [scope, entries] of this.scopes) {
      for (const [key, entry] of entries) if (entry.pass !== this.pass) entries.delete(key);
      if (entries.size === 0) this.scopes.delete(scope);
    }
    for (const [key, entry] of this.texts) if (entry.pass !== this.pass) this.texts.delete(key);
  }

  get size(): number {
    let n = 0;
    for (const entries of this.scopes.values()) n += entries.size;
    return n;
  }
}

/**
 * Makes the strings of a value about to be cached own their characters, in place (a new object
 * would have a different hidden class from the ones the engine creates, and mixing the two makes
 * V8 deoptimise). Paragraph texts are slices of the whole document (copying every paragraph on
 * every keystroke would be the biggest allocation of an edit), so a name or a suggestion read from
 * one would otherwise keep that version of the document alive for as long as it stays cached.
 */
function ownStrings<T>(value: T): T {
  if (typeof value === 'string') return ownCopy(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = ownStrings(value[i]);
  } else if (value instanceof Map) {
    const entries = [...value];
    value.clear();
    for (const [k, v] of entries) value.set(ownStrings(k), ownStrings(v));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (v && (typeof v === 'string' || typeof v === 'object')) record[key] = ownStrings(v);
    }
  }
  return value;
}

/** Runs `compute` through the cache when there is one. */
export function cached<T>(cache: AnalysisCache | undefined, scope: string, text: string, compute: () => T): T {
  return cache ? cache.memo(scope, text, compute) : compute();
}

/**
 * Cache scopes for one analysis. A paragraph's result depends on the document only through the
 * context key and the ages of the people it names, so typing a new name elsewhere does not
 * invalidate every paragraph. Where each person's name occurs is kept per paragraph in the cache,
 * so an edit re-reads only the paragraph it changed (lower-casing a whole long document on every
 * keystroke costs milliseconds). A class rather than closures, so that V8 sees one shape and one
 * function from one analysis to the next.
 */
export class CacheScopes {
  private readonly names: Array<{ name: string; label: string }>;
  private readonly namesScope: string;
  /** Per paragraph index: record checks ask again for the same paragraphs. */
  private readonly places: Array<number[][] | undefined> = [];

  constructor(
    private readonly cache: AnalysisCache,
    private readonly seg: SegmentedDocument,
    people: Map<string, number>,
    private readonly contextKey: string,
  ) {
    this.names = [...people].map(([name, age]) => ({ name, label: `${name}=${age}` }));
    this.namesScope = `names\u0000${this.names.map((n) => n.name).join('\u0001')}`;
  }

  /** The scope for text from `start` to `end` of kind `kind`: the context and the people named there. */
  scope(kind: string, start: number, end: number): string {
    const { names, seg } = this;
    let named = '';
    if (names.length > 0) {
      const found = new Uint8Array(names.length);
      for (let k = firstParagraphEndingAfter(seg.paragraphs, start); k < seg.paragraphs.length && seg.paragraphs[k].start < end; k++) {
        const base = seg.paragraphs[k].start;
        const places = this.placesIn(k);
        for (let n = 0; n < names.length; n++) {
          if (found[n]) continue;
          for (const o of places[n]) {
            if (base + o >= start && base + o < end) {
              found[n] = 1;
              break;
            }
          }
        }
      }
      for (let n = 0; n < names.length; n++) if (found[n]) named += named ? `;${names[n].label}` : names[n].label;
    }
    return `${kind}\u0000${this.contextKey}\u0000${named}`;
  }

  private placesIn(k: number): number[][] {
    const cached = this.places[k];
    if (cached) return cached;
    const text = this.seg.paragraphs[k].text;
    const places = this.cache.memo(this.namesScope, text, () => {
      const lower = forMatching(text);
      return this.names.map(({ name }) => {
        const at: number[] = [];
        for (let i = lower.indexOf(name); i >= 0; i = lower.indexOf(name, i + 1)) at.push(i);
        return at;
      });
    });
    this.places[k] = places;
    return places;
  }
}

/** Index of the first paragraph that ends after `offset` (paragraphs are in document order). */
function firstParagraphEndingAfter(paragraphs: Paragraph[], offset: number): number {
  return countBefore(paragraphs, (p) => p.end <= offset);
}

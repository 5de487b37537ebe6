// Text for a terminal: a checked document (or a file name, or an organisation's lexicon) may hold
// control characters, and a terminal acts on them: ESC starts sequences that write the clipboard
// (OSC 52), clear the screen, retitle the window or hide a link behind other text (OSC 8); C1
// characters such as U+009B (CSI) do the same in some terminals; bidirectional overrides make a
// line read differently from what it holds. Each such code unit is shown as one visible character
// instead, so the text keeps its length and carets under an excerpt still line up.

/** C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional embedding, override and isolate controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  // Unicode's Control Pictures: ␛ for ESC, ␇ for BEL, ␡ for DEL.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** `text` with every control character replaced by a visible stand-in, one for one. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** As terminalSafe, and line feeds shown too: for one-line items such as a file name. */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/\n/g, '\u240a');
}

/**
 * A copy of `value` (a check report, or part of one) with every string made terminal-safe: file
 * paths (`path` keys) as one line, other strings one for one so columns and carets still match.
 * Maps (the lexicon's rules) are kept as they are.
 */
export function terminalSafeDeep<T>(value: T, key?: string): T {
  if (typeof value === 'string') return (key === 'path' ? terminalSafeLine(value) : terminalSafe(value)) as T;
  if (Array.isArray(value)) return value.map((v) => terminalSafeDeep(v, key)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Map || value instanceof Set) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = terminalSafeDeep(v, k);
  return out as T;
}

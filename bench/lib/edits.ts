// The one-character edits used for editing latency, shared by the language-server run and the
// in-process run so both apply exactly the same edits.
import { Random } from './random';

export interface Edit {
  offset: number;
  deleteLength: number;
  insert: string;
}

/** Edits the way typing does: mostly a letter inserted, sometimes one deleted (never a line break). */
export function randomEdit(rng: Random, text: string): Edit {
  const offset = rng.int(0, text.length - 1);
  if (rng.chance(0.3) && text[offset] !== '\n' && text[offset] !== '\r') return { offset, deleteLength: 1, insert: '' };
  return { offset, deleteLength: 0, insert: rng.pick([...'etaoinshrdlu ']) };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteLength);
}

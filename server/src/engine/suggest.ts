// "Did you mean …?" for a mistyped name (rule id, check, slot, word class): ids that contain what was typed, then the closest by
// edit distance.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Up to `limit` known ids close to `typed`, closest first. */
export function closestIds(typed: string, known: Iterable<string>, limit = 3): string[] {
  const query = typed.toLowerCase();
  const scored: Array<{ id: string; score: number }> = [];
  for (const id of known) {
    const distance = editDistance(query, id.toLowerCase());
    const contains = query.length >= 3 && (id.includes(query) || query.includes(id));
    if (contains || distance <= Math.max(2, Math.floor(query.length / 3))) scored.push({ id, score: contains ? distance / 100 : distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((s) => s.id);
}

/** ` (did you mean 'a' or 'b'?)`, or nothing when no id is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const ids = closestIds(typed, known).map((id) => `'${id}'`);
  if (ids.length === 0) return '';
  return ` (did you mean ${ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`}?)`;
}

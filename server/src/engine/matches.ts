// The two kinds of match the engine passes around before they become findings. A phrase match is
// found within one paragraph, so its offsets are relative to that paragraph; a record check reads
// records across paragraphs, so its offsets are relative to the whole document. Two types, so a
// paragraph offset is never added to a finding's document offset by mistake (or twice).

/** A match that survived the context checks, with offsets relative to its paragraph. */
export interface ParagraphMatch {
  ruleId: string;
  start: number;
  end: number;
}

/** A record check's match, with offsets in the whole document. */
export interface DocumentMatch {
  ruleId: string;
  start: number;
  end: number;
  /** Replacements that depend on the match; lexicon matches use the entry's rewrites. */
  suggestions?: string[];
  /** A message that depends on the match. */
  message?: string;
}

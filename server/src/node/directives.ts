// Findings about the `heard-disable…` comments themselves: a comment that switches a finding off
// must say why (an auditor asks exactly that), and must name rules or categories that exist (a
// misspelt id switches nothing off, silently). These two rules live outside the lexicon because
// they read the comments, not the prose, and because a disable comment must not be able to switch
// off the finding about itself. They are configured like any rule: `rules: { disable-without-reason: off }`.
import { CATEGORY_IDS, LineIndex, resolveRule, type CompiledLexicon, type DocumentFormat, type Finding, type HeardConfig, type LexiconEntry, type Severity } from '../engine';
import { segment, type Directive } from '../engine/segment';
import { didYouMean, closestIds } from '../engine/suggest';

export const DISABLE_WITHOUT_REASON = 'disable-without-reason';
export const DISABLE_UNKNOWN_RULE = 'disable-unknown-rule';

const CONFIG_HINT = 'Configured under rules: in .heard.yaml like any rule (error, warning, information, hint or off); category settings do not apply to it.';

/** Descriptions of the two rules, in the lexicon's shape (for SARIF, `heard rules` and `heard explain`). */
export const DIRECTIVE_ENTRIES: readonly LexiconEntry[] = [
  {
    id: DISABLE_WITHOUT_REASON,
    category: 'vague',
    severity: 'warning',
    message: 'Vague recording: a heard-disable comment with no reason. Say why the wording is kept, after --.',
    why:
      'Keeping contested wording can be the right decision, and it is the decision an auditor or a review panel asks about. ' +
      'The reason written after -- is recorded with every finding the comment switches off (JSON, SARIF and the summary). ' +
      CONFIG_HINT,
    rewrites: ['heard-disable-next-line RULE -- [why the wording is kept]'],
    sources: [],
    examples: {
      fire: ['<!-- heard-disable-next-line streetwise -->', '<!-- heard-disable-file -->'],
      pass: ['<!-- heard-disable-next-line streetwise -- quoting the police log verbatim -->'],
    },
  },
  {
    id: DISABLE_UNKNOWN_RULE,
    category: 'vague',
    severity: 'warning',
    message: 'Vague recording: a heard-disable or heard-enable comment names a rule or category that does not exist, so it switches nothing.',
    why: 'A misspelt rule id in a disable comment is silently ignored: the finding it was meant to switch off is still reported, or a block is never switched back on. ' + CONFIG_HINT,
    rewrites: [],
    sources: [],
    examples: {
      fire: ['<!-- heard-disable-next-line streetwize -- quoting the police log -->'],
      pass: ['<!-- heard-disable-next-line streetwise -- quoting the police log -->'],
    },
  },
];

export const DIRECTIVE_RULE_IDS: readonly string[] = DIRECTIVE_ENTRIES.map((e) => e.id);

const DISABLE_KINDS = new Set(['disable-next-line', 'disable-line', 'disable', 'disable-file']);

/** A reason that is still the placeholder the editor's "Disable for this line" writes, or one like it. */
const PLACEHOLDER_REASON = /^(?:reason|todo|tbc|tbd|\.\.\.|…|\[[^\]]*\])$/i;

/** The comment's text (from `<!--` to `-->`) and where it starts. */
function commentAt(text: string, d: Directive): { body: string; start: number } {
  const close = text.indexOf('-->', d.offset);
  return { body: text.slice(d.offset, close < 0 ? text.length : close + 3), start: d.offset };
}

function finding(entry: LexiconEntry, severity: Severity, index: LineIndex, start: number, end: number, text: string, message: string, suggestions: string[]): Finding {
  return {
    ruleId: entry.id,
    category: entry.category,
    severity,
    message,
    why: entry.why,
    offset: start,
    length: end - start,
    start: index.positionAt(start),
    end: index.positionAt(end),
    text: text.slice(start, end),
    suggestions,
    sources: [],
  };
}

/**
 * Findings for the document's `heard-disable…` and `heard-enable` comments, in document order.
 * Cheap for documents without any: the text is only segmented when it mentions `heard-`.
 */
export function directiveFindings(text: string, format: DocumentFormat, lexicon: CompiledLexicon, config: HeardConfig | undefined): Finding[] {
  if (!text.includes('heard-')) return [];
  const rules = new Map<string, Severity>();
  for (const entry of DIRECTIVE_ENTRIES) {
    // No category: switching off a whole category of wording must not stop the audit trail.
    const resolved = resolveRule(entry.id, '', entry.severity, true, config);
    if (resolved.enabled) rules.set(entry.id, resolved.severity);
  }
  if (rules.size === 0) return [];
  const { directives } = segment(text, format);
  if (directives.length === 0) return [];
  const index = new LineIndex(text);
  const known = (id: string) => lexicon.byId.has(id) || (CATEGORY_IDS as readonly string[]).includes(id);
  const knownIds = [...lexicon.byId.keys(), ...CATEGORY_IDS];
  const out: Finding[] = [];
  for (const d of directives) {
    const { body, start } = commentAt(text, d);
    const keyword = /heard-[a-z-]+/.exec(body);
    if (!keyword) continue;
    // The rule list runs from the keyword to ` --` or the end of the comment.
    const listStart = keyword.index + keyword[0].length;
    const dashes = body.slice(listStart).search(/\s--/);
    const listEnd = dashes >= 0 ? listStart + dashes : body.length - (body.endsWith('-->') ? 3 : 0);

    const unknownSeverity = rules.get(DISABLE_UNKNOWN_RULE);
    if (unknownSeverity) {
      const list = body.slice(listStart, listEnd);
      const token = /[^\s,]+/g;
      for (let m = token.exec(list); m; m = token.exec(list)) {
        if (known(m[0])) continue;
        const at = start + listStart + m.index;
        const close = closestIds(m[0], knownIds);
        out.push(
          finding(
            DIRECTIVE_ENTRIES[1],
            unknownSeverity,
            index,
            at,
            at + m[0].length,
            text,
            `Vague recording: '${m[0]}' in this ${keyword[0]} comment is not a rule or category, so it switches nothing${didYouMean(m[0], knownIds)}.`,
            close,
          ),
        );
      }
    }

    const reasonSeverity = rules.get(DISABLE_WITHOUT_REASON);
    const placeholder = PLACEHOLDER_REASON.test(d.reason);
    if (reasonSeverity && DISABLE_KINDS.has(d.kind) && (d.reason === '' || placeholder)) {
      // The span runs from the keyword to the end of the comment's text, placeholder included, so
      // the suggested rewrite replaces all of it.
      const inner = body.endsWith('-->') ? body.slice(0, -3) : body;
      const spanEnd = start + inner.trimEnd().length;
      const covered = body.slice(listStart, listEnd).trim();
      const why = placeholder ? `gives '${d.reason}' as its reason: write the real one` : 'gives no reason';
      out.push(
        finding(
          DIRECTIVE_ENTRIES[0],
          reasonSeverity,
          index,
          start + keyword.index,
          spanEnd,
          text,
          `Vague recording: this ${keyword[0]} comment ${why}. Say why the wording is kept, after --, e.g. <!-- ${keyword[0]}${covered ? ` ${covered}` : ''} -- quoting the referral as written -->.`,
          [`${keyword[0]}${covered ? ` ${covered}` : ''} -- [why the wording is kept]`],
        ),
      );
    }
  }
  return out.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
}

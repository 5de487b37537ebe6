// SARIF 2.1.0 for GitHub code scanning and other viewers: rule descriptions from the lexicon,
// results with repository-relative locations, safe rewrites as fixes, and fingerprints that do
// not change when lines move.
import { createHash } from 'crypto';
import type * as Sarif from 'sarif';
import type { LexiconEntry, Severity, SourceCitation } from '../../engine';
import { heardVersion, repositoryUrl, ruleDocPath, ruleDocsBase } from '../packageInfo';
import type { CheckReport, CheckedFile, ReportedFinding, ReportedSuppression } from '../report';
import { citationPlain } from '../../lsp/ruleText';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'heardFinding/v1';

export interface SarifOptions {
  /** --rule-docs-url. */
  ruleDocsUrl?: string;
}

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A relative URI for a reported path: each segment percent-encoded, slashes kept. */
export function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function citation(s: SourceCitation): string {
  // A seed review by its title, as the hovers and rule pages give it.
  if (s.seed) return citationPlain(s);
  const parts = [s.publisher, s.title ? `"${s.title}"` : undefined, s.date, s.paragraph].filter(Boolean);
  return parts.join(', ') + (s.url ? ` <${s.url}>` : '');
}

/** Keeps `[placeholders]` and other wording literal in Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

function citationMarkdown(s: SourceCitation): string {
  if (s.seed || !s.url) return escapeMarkdown(citation(s));
  const label = [s.publisher && escapeMarkdown(s.publisher), s.title && `*${escapeMarkdown(s.title)}*`, s.date, s.paragraph && escapeMarkdown(s.paragraph)]
    .filter(Boolean)
    .join(', ');
  return `[${label || s.url}](${s.url})`;
}

function ruleDescriptor(entry: LexiconEntry, docsBase: string | undefined): Sarif.ReportingDescriptor {
  const rewrites = entry.rewrites.length > 0 ? entry.rewrites : [];
  const text = [
    entry.message,
    `Why: ${entry.why}`,
    rewrites.length > 0 ? `Rewrites (best first; [brackets] mark facts to fill in):\n${rewrites.map((r) => `- ${r}`).join('\n')}` : '',
    entry.sources.length > 0 ? `Sources:\n${entry.sources.map((s) => `- ${citation(s)}`).join('\n')}` : '',
    `More: ${ruleDocPath(entry.id)} in the Heard package`,
  ].filter(Boolean);
  const markdown = [
    `**${escapeMarkdown(entry.message)}**`,
    `**Why:** ${escapeMarkdown(entry.why)}`,
    rewrites.length > 0 ? `**Rewrites** (best first; \\[brackets\\] mark facts to fill in):\n\n${rewrites.map((r) => `- ${escapeMarkdown(r)}`).join('\n')}` : '',
    entry.sources.length > 0 ? `**Sources:**\n\n${entry.sources.map((s) => `- ${citationMarkdown(s)}`).join('\n')}` : '',
    docsBase ? `[Rule page](${docsBase}${entry.id}.md)` : `More: \`${ruleDocPath(entry.id)}\` in the Heard package`,
  ].filter(Boolean);
  return {
    id: entry.id,
    shortDescription: { text: entry.message },
    fullDescription: { text: entry.why },
    ...(docsBase ? { helpUri: `${docsBase}${entry.id}.md` } : {}),
    help: { text: text.join('\n\n'), markdown: markdown.join('\n\n') },
    defaultConfiguration: { level: sarifLevel(entry.severity), enabled: entry.enabled !== false },
    properties: { tags: [entry.category, ...(entry.contested ? ['contested'] : [])], category: entry.category },
  };
}

/** A descriptor for a finding whose rule is in no lexicon reported by the checkers. */
function descriptorFromFinding(f: ReportedFinding): LexiconEntry {
  return { id: f.ruleId, category: f.category, severity: f.severity, message: f.message, why: f.why, rewrites: f.suggestions, sources: f.sources, examples: { fire: [], pass: [] } };
}

/** The matched text as the fingerprint sees it: case and spacing changes do not create a new alert. */
function normalised(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Stable across runs and line moves: rule, file, matched text, and which occurrence of that text in the file. */
export function fingerprint(ruleId: string, path: string, text: string, occurrence: number): string {
  return createHash('sha256').update([ruleId, path, normalised(text), String(occurrence)].join('\u0000')).digest('hex').slice(0, 32);
}

function region(f: ReportedFinding): Sarif.Region {
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

/**
 * A heard-disable comment as SARIF records it: suppressed in the source, accepted, with the reason
 * the comment gives as the justification, and the comment's line as its location.
 */
function suppression(file: CheckedFile, s: ReportedSuppression): Sarif.Suppression {
  return {
    kind: 'inSource',
    status: 'accepted',
    ...(s.reason ? { justification: s.reason } : {}),
    location: { physicalLocation: { artifactLocation: { uri: artifactUri(file.path), uriBaseId: '%SRCROOT%' }, region: { startLine: s.directiveLine } } },
  };
}

function result(file: CheckedFile, f: ReportedFinding | ReportedSuppression, ruleIndex: number, occurrence: number): Sarif.Result {
  const uri = artifactUri(file.path);
  const suppressed = 'reason' in f;
  const safe = f.fixable && !suppressed ? f.suggestions[0] : undefined;
  const hint = f.suggestions.length > 0 ? ` Try: ${f.suggestions[0]}` : '';
  const where = file.kind === 'docx' ? ` (paragraph ${f.line})` : f.page !== undefined ? ` (page ${f.page}, line ${f.pageLine})` : '';
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${f.message}${where}${hint}` },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { ...region(f), snippet: { text: f.text } } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.ruleId, file.path, f.text, occurrence) },
    ...(suppressed ? { suppressions: [suppression(file, f)] } : {}),
    ...(safe !== undefined
      ? {
          fixes: [
            {
              description: { text: `Replace with "${safe}"` },
              artifactChanges: [{ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: region(f), insertedContent: { text: safe } }] }],
            },
          ],
        }
      : {}),
  };
}

export function buildSarif(report: CheckReport, options: SarifOptions = {}): Sarif.Log {
  const docsBase = ruleDocsBase(options.ruleDocsUrl);
  const entries = new Map(report.rules);
  for (const file of report.files) for (const f of [...file.findings, ...file.suppressions]) if (!entries.has(f.ruleId)) entries.set(f.ruleId, descriptorFromFinding(f));
  const ids = [...entries.keys()].sort();
  const ruleIndex = new Map(ids.map((id, i) => [id, i]));

  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    const seen = new Map<string, number>();
    // Suppressed findings are results too, with their suppression: counted in document order with
    // the others, so switching a finding off keeps its fingerprint (code scanning closes the alert).
    const all = [...file.findings, ...file.suppressions].sort((a, b) => a.offset - b.offset);
    for (const f of all) {
      const key = `${f.ruleId}\u0000${normalised(f.text)}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      results.push(result(file, f, ruleIndex.get(f.ruleId)!, occurrence));
    }
  }

  const version = heardVersion();
  const informationUri = repositoryUrl();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Heard',
            version,
            semanticVersion: version,
            ...(informationUri ? { informationUri } : {}),
            rules: ids.map((id) => ruleDescriptor(entries.get(id)!, docsBase)),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.skipped.length === 0,
            toolExecutionNotifications: report.skipped.map((s) => ({
              level: 'error' as const,
              message: { text: `${s.path}: ${s.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(s.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
}

export function formatSarif(report: CheckReport, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(report, options), null, 2) + '\n';
}

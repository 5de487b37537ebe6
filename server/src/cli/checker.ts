// Checking one file: resolve its settings, read it, analyse it, optionally fix it. The same code
// runs in the main thread and in worker threads, so its results are plain, cloneable data.
import * as path from 'path';
import { AnalysisCache, analyse, applyFixes, safeRewrite, type Finding, type HeardConfig, type LexiconEntry, type SuppressedFinding } from '../engine';
import { ConfigError, resolveSettings, type ResolvedSettings } from '../node/config';
import type { FixMode } from './args';
import { FixSkipped, stampOf, unifiedDiff, writeFileAtomic, type FileStamp } from './fixes';
import { DEFAULT_MAX_FILE_SIZE, readDocumentBytes, readDocumentFile, type DocumentText } from './readDocument';
import type { AppliedFixReport, CheckedFile, FixReport, ReportedFinding, ReportedSuppression, SkippedFile } from './report';
import { findingFingerprint } from './baseline';
import { didYouMean } from '../engine/suggest';
import { DIRECTIVE_RULE_IDS, directiveFindings } from '../node/directives';

export interface CheckerOptions {
  cwd: string;
  configFile?: string;
  overrides: HeardConfig;
  fix: FixMode;
  /** Real paths of the folders being checked: --fix writes nothing outside them. */
  roots?: string[];
  /** --fix-read-only: fix files without write permission too. */
  fixReadOnly?: boolean;
}

export interface FileJob {
  index: number;
  /** Absent for standard input without --stdin-filename. */
  absPath?: string;
  displayPath: string;
  /** Standard input's bytes, when the job is not a file on disk. */
  stdin?: Uint8Array;
  /** Why the input was not read at all (standard input over the size limit). */
  refused?: string;
}

export type JobOutcome =
  | { kind: 'checked'; file: CheckedFile }
  | { kind: 'skipped'; file: SkippedFile }
  /** The run cannot go on (broken config, unknown rule in a flag): exit code 2. */
  | { kind: 'fatal'; message: string };

export interface JobResult {
  index: number;
  outcome: JobOutcome;
  /** The entries of a lexicon this checker had not reported before. */
  lexicon?: { signature: string; entries: LexiconEntry[] };
}

export class Checker {
  // Only a fix re-analyses a document (after rewriting it), reusing the paragraphs it did not
  // change; a plain check reads each file once, and keeping results would only cost time.
  private readonly cache: AnalysisCache | undefined;
  private readonly reportedLexicons = new Set<string>();

  constructor(private readonly options: CheckerOptions) {
    this.cache = options.fix !== 'none' ? new AnalysisCache() : undefined;
  }

  async check(job: FileJob): Promise<JobResult> {
    let settings: ResolvedSettings;
    try {
      settings = resolveSettings(job.absPath, {
        overrides: this.options.overrides,
        configFile: this.options.configFile ? path.resolve(this.options.cwd, this.options.configFile) : undefined,
        cwd: this.options.cwd,
      });
    } catch (e) {
      if (e instanceof ConfigError) return { index: job.index, outcome: { kind: 'fatal', message: e.message } };
      throw e;
    }
    let lexicon: JobResult['lexicon'];
    const { signature } = settings.lexicon;
    if (!this.reportedLexicons.has(signature)) {
      this.reportedLexicons.add(signature);
      for (const id of Object.keys(this.options.overrides.rules ?? {})) {
        if (!settings.lexicon.byId.has(id) && !DIRECTIVE_RULE_IDS.includes(id)) {
          return { index: job.index, outcome: { kind: 'fatal', message: `unknown rule '${id}' in --rule${didYouMean(id, [...settings.lexicon.byId.keys(), ...DIRECTIVE_RULE_IDS])}` } };
        }
      }
      lexicon = { signature, entries: settings.lexicon.entries.map((e) => e.entry) };
    }
    let outcome: JobOutcome;
    try {
      outcome = await this.checkWith(job, settings);
    } catch (e) {
      outcome = { kind: 'skipped', file: { path: job.displayPath, reason: `internal error in Heard, please report it: ${(e as Error).message}` } };
    }
    return { index: job.index, outcome, lexicon };
  }

  private async checkWith(job: FileJob, settings: ResolvedSettings): Promise<JobOutcome> {
    if (job.refused) return { kind: 'skipped', file: { path: job.displayPath, reason: job.refused } };
    const maxFileSize = settings.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const writing = this.options.fix === 'write' && job.absPath !== undefined && job.stdin === undefined;
    let stamp: FileStamp | undefined;
    try {
      // Taken before reading, so a change made while we check is never overwritten.
      if (writing) stamp = stampOf(job.absPath!);
    } catch (e) {
      return { kind: 'skipped', file: { path: job.displayPath, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` } };
    }
    const read =
      job.stdin !== undefined
        ? await readDocumentBytes(Buffer.from(job.stdin), job.displayPath, maxFileSize)
        : await readDocumentFile(job.absPath!, maxFileSize);
    if (!read.ok) return { kind: 'skipped', file: { path: job.displayPath, reason: read.reason } };

    const document = read.document;
    const text = document.kind === 'docx' ? document.paragraphs.join('\n\n') : document.text;
    const run = (t: string) =>
      analyse(t, { lexicon: settings.lexicon, format: settings.format, profile: settings.profile, config: settings.config, cache: this.cache });
    let analysis = run(text);
    let finalText = text;
    let fix: FixReport | undefined;
    if (this.options.fix !== 'none') {
      if (document.kind === 'docx') {
        // Heard cannot write Word's format back faithfully: it lists the rewrites for the writer to make.
        const applied = appliedFixes(applyFixes(text, analysis.findings), 'docx');
        if (applied.length > 0) {
          const these = applied.length === 1 ? 'this safe rewrite' : `these ${applied.length} safe rewrites`;
          fix = { applied, written: false, notWritten: `.docx files are not rewritten; make ${these} in Word (paragraph:column):`, skipped: true };
        }
      } else if (document.kind !== 'text') {
        const fixable = analysis.findings.filter((f) => safeRewrite(f) !== undefined).length;
        if (fixable > 0) fix = { applied: [], written: false, notWritten: `PDF files are never changed: make the ${fixable} safe rewrite${fixable === 1 ? '' : 's'} in the source document` };
      } else {
        const fixed = applyFixes(text, analysis.findings);
        if (fixed.applied.length > 0) {
          fix = this.finishFix(job, document, text, fixed, stamp);
          // --fix-dry-run reports what would remain; a file not written keeps all its findings.
          if (!fix.error && !fix.skipped) {
            finalText = fixed.text;
            analysis = run(finalText);
          }
        }
      }
    }
    // Disable comments with no reason, or naming no known rule, are findings of their own.
    const problems = directiveFindings(finalText, settings.format, settings.lexicon, settings.config);
    const all = problems.length > 0 ? [...analysis.findings, ...problems].sort((a, b) => a.offset - b.offset) : analysis.findings;
    const findings = all.map((f) => onPage(document, reported(f, document.kind, finalText, !DIRECTIVE_RULE_IDS.includes(f.ruleId))));
    const suppressions = analysis.suppressed.map((s) => onPage(document, reportedSuppression(s, document.kind, finalText)));
    const lines = document.kind === 'docx' ? document.paragraphs : finalText.split('\n');
    return {
      kind: 'checked',
      file: {
        path: job.displayPath,
        ...(job.absPath ? { absPath: job.absPath } : {}),
        kind: document.kind,
        findings,
        suppressions,
        sourceLines: sourceLines([...findings, ...suppressions], lines),
        fix,
      },
    };
  }

  private finishFix(
    job: FileJob,
    document: Extract<DocumentText, { kind: 'text' }>,
    text: string,
    fixed: ReturnType<typeof applyFixes>,
    stamp: FileStamp | undefined,
  ): FixReport {
    const applied = appliedFixes(fixed, 'text');
    if (this.options.fix === 'dry-run') return { applied, written: false, diff: unifiedDiff(job.displayPath, text, fixed.text) };
    try {
      const method = writeFileAtomic(job.absPath!, (document.bom ? '\uFEFF' : '') + fixed.text, stamp!, {
        roots: this.options.roots,
        allowReadOnly: this.options.fixReadOnly,
      });
      return { applied, written: true, ...(method === 'in-place' ? { inPlace: true } : {}) };
    } catch (e) {
      if (e instanceof FixSkipped) return { applied, written: false, notWritten: `not fixed: ${e.message}`, skipped: true };
      return { applied, written: false, notWritten: `not fixed: ${(e as Error).message}`, error: true };
    }
  }
}

/** The rewrites applyFixes made, at 1-based positions (a .docx: paragraph and column). */
function appliedFixes(fixed: ReturnType<typeof applyFixes>, kind: DocumentText['kind']): AppliedFixReport[] {
  return fixed.applied.map(({ finding, replacement }) => ({
    ruleId: finding.ruleId,
    line: lineNumber(finding.start.line, kind),
    column: finding.start.character + 1,
    from: finding.text,
    to: replacement,
  }));
}

/** 1-based line; a .docx is analysed as its paragraphs separated by blank lines, so line 2k is paragraph k+1. */
function lineNumber(l: number, kind: DocumentText['kind']): number {
  return kind === 'docx' ? Math.floor(l / 2) + 1 : l + 1;
}

/** 1-based positions, whether --fix could apply it, and its baseline fingerprint. */
function reported(f: Finding, kind: DocumentText['kind'], text: string, canFix = true): ReportedFinding {
  const line = (l: number) => lineNumber(l, kind);
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    why: f.why,
    line: line(f.start.line),
    column: f.start.character + 1,
    endLine: line(f.end.line),
    endColumn: f.end.character + 1,
    offset: f.offset,
    length: f.length,
    text: f.text,
    suggestions: f.suggestions,
    sources: f.sources,
    fixable: canFix && kind === 'text' && safeRewrite(f) !== undefined,
    ...(f.fixNotSafe ? { fixNotSafe: f.fixNotSafe } : {}),
    fingerprint: findingFingerprint(f.ruleId, text, f.offset, f.length),
  };
}

function reportedSuppression(s: SuppressedFinding, kind: DocumentText['kind'], text: string): ReportedSuppression {
  return { ...reported(s.finding, kind, text), reason: s.reason, directiveLine: lineNumber(s.directiveLine, kind) };
}

/** A PDF finding also says its page and its line on that page. */
function onPage<T extends ReportedFinding>(document: DocumentText, f: T): T {
  if (document.kind !== 'pdf') return f;
  return { ...f, page: document.linePage[f.line - 1], pageLine: document.linePageLine[f.line - 1] };
}

function sourceLines(findings: ReportedFinding[], lines: string[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const f of findings) out[f.line] ??= (lines[f.line - 1] ?? '').replace(/\r$/, '');
  return out;
}

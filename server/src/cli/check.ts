// `heard check`: find the files, check them (in parallel for large runs), print the report in the
// chosen format, and return the exit code. Problems with individual files go to standard error and
// never stop the other files' output.
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import type { LexiconEntry } from '../engine';
import { DIRECTIVE_ENTRIES } from '../node/directives';
import { applyBaseline, readBaseline, writeBaseline } from './baseline';
import type { CheckArgs } from './args';
import type { CheckerOptions, FileJob, JobResult } from './checker';
import { discoverFiles, displayPath } from './discover';
import { formatCompact } from './format/compact';
import { formatGithub } from './format/github';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { terminalSafe, terminalSafeDeep, terminalSafeLine } from './format/terminal';
import { formatText, terminalWidth } from './format/text';
import { colorsFor, UsageError, type CliIo } from './io';
import { startProgress } from './progress';
import { DEFAULT_MAX_FILE_SIZE, stdinTooLarge } from './readDocument';
import { findConfigFile, readConfigFile } from '../node/config';
import { atOrAbove, exitCodeFor, summarise, type CheckReport } from './report';
import { runJobs } from './runJobs';

async function jobsFor(args: CheckArgs, io: CliIo): Promise<{ jobs: FileJob[]; ignoredByConfig: string[] }> {
  if (args.stdin) {
    const absPath = args.stdinFilename ? path.resolve(io.cwd, args.stdinFilename) : undefined;
    const limit = stdinLimit(args, io, absPath);
    const bytes = await io.readStdin(limit);
    const job: FileJob = { index: 0, absPath, displayPath: absPath ? displayPath(io.cwd, absPath) : '<stdin>' };
    if (bytes.length > limit) job.refused = stdinTooLarge(bytes.length, limit);
    else job.stdin = bytes;
    return { jobs: [job], ignoredByConfig: [] };
  }
  const { files, ignoredByConfig } = discoverFiles(args.paths, { cwd: io.cwd, configFile: args.configFile });
  return { jobs: files.map((f, index) => ({ index, absPath: f.absPath, displayPath: f.displayPath })), ignoredByConfig };
}

/** The size limit for standard input: --max-file-size, else the config's maxFileSize, else the default. */
function stdinLimit(args: CheckArgs, io: CliIo, absPath: string | undefined): number {
  if (args.overrides.maxFileSize !== undefined) return args.overrides.maxFileSize;
  const configFile = args.configFile ? path.resolve(io.cwd, args.configFile) : findConfigFile(absPath ? path.dirname(absPath) : io.cwd);
  const fromConfig = configFile && fs.existsSync(configFile) ? readConfigFile(configFile).maxFileSize : undefined;
  return fromConfig ?? DEFAULT_MAX_FILE_SIZE;
}

export async function checkCommand(args: CheckArgs, io: CliIo): Promise<number> {
  if (args.configFile && !fs.existsSync(path.resolve(io.cwd, args.configFile))) {
    throw new UsageError(`config file not found: ${path.resolve(io.cwd, args.configFile)}`);
  }
  const { jobs, ignoredByConfig } = await jobsFor(args, io);
  const stderrColors = colorsFor(io.stderr, io.env);
  if (jobs.length === 0) {
    const where = args.paths.length > 0 ? args.paths.join(', ') : 'the current folder';
    io.stderr.write(
      ignoredByConfig.length > 0
        ? `heard: no files to check: the config's ignore: list skips ${ignoredByConfig.join(', ')}\n`
        : `heard: no files to check (looked for .md, .markdown, .txt and .docx files in ${where})\n`,
    );
  }

  const checkerOptions: CheckerOptions = {
    cwd: io.cwd,
    configFile: args.configFile,
    overrides: args.overrides,
    fix: args.fix,
    ...(args.fix === 'write' ? { roots: checkedRoots(args.paths, io.cwd), fixReadOnly: args.fixReadOnly } : {}),
  };
  const progress = startProgress(io.stderr, io.env, jobs.length);
  let results: JobResult[];
  try {
    results = await runJobs(jobs, checkerOptions, { maxWorkers: args.jobs, maxFileSize: args.overrides.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, onResult: () => progress.tick() });
  } finally {
    progress.stop();
  }

  const fatal = results.find((r) => r.outcome.kind === 'fatal');
  if (fatal && fatal.outcome.kind === 'fatal') throw new UsageError(fatal.outcome.message);

  const report: CheckReport = { files: [], skipped: [], rules: new Map<string, LexiconEntry>(DIRECTIVE_ENTRIES.map((e) => [e.id, e])) };
  for (const result of results) {
    for (const entry of result.lexicon?.entries ?? []) if (!report.rules.has(entry.id)) report.rules.set(entry.id, entry);
    if (result.outcome.kind === 'checked') report.files.push(result.outcome.file);
    else if (result.outcome.kind === 'skipped') report.skipped.push(result.outcome.file);
  }

  for (const skipped of report.skipped) {
    io.stderr.write(`${stderrColors.red('heard: skipped')} ${terminalSafeLine(skipped.path)}: ${terminalSafe(skipped.reason)}\n`);
  }
  reportFixes(report, args, io);
  compareWithBaseline(report, args, io);
  if (args.minLevel) leaveOutBelow(report, args.minLevel);

  const summary = summarise(report);
  if (args.fix === 'dry-run') {
    // Raw in a pipe, so `git apply` gets the exact text; a terminal gets no control characters.
    const diff = report.files.map((f) => f.fix?.diff ?? '').join('');
    io.stdout.write(io.stdout.isTTY ? terminalSafe(diff) : diff);
  } else if (args.format === 'compact') {
    io.stdout.write(formatCompact(terminalSafeDeep(report)));
  } else if (args.format === 'json') {
    io.stdout.write(formatJson(report, summary));
  } else if (args.format === 'sarif') {
    io.stdout.write(formatSarif(report, { ruleDocsUrl: args.ruleDocsUrl }));
  } else if (args.format === 'github') {
    io.stdout.write(formatGithub(report, summary));
  } else {
    const colors = colorsFor(io.stdout, io.env);
    io.stdout.write(formatText(report, summary, colors, { width: terminalWidth(io.stdout, io.env), showSuppressions: args.showSuppressions }));
  }
  return exitCodeFor(report, summary, { failOn: args.failOn, maxWarnings: args.maxWarnings, skipUnreadable: args.skipUnreadable });
}

/**
 * The real paths of the folders being checked, which --fix never writes outside of (a symbolic
 * link may lead elsewhere): each folder named, the folder of each file named, the fixed part of
 * each glob, or the working folder.
 */
export function checkedRoots(inputs: string[], cwd: string): string[] {
  const roots = new Set<string>();
  for (const input of inputs.length > 0 ? inputs : ['.']) {
    const abs = path.resolve(cwd, input);
    let folder: string;
    try {
      folder = fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
    } catch {
      folder = path.resolve(cwd, picomatch.scan(input).base || '.');
    }
    try {
      roots.add(fs.realpathSync(folder));
    } catch {
      roots.add(folder);
    }
  }
  return [...roots];
}

/**
 * --write-baseline records every finding of the run (after --fix, before --min-level); then, as
 * with --baseline, the findings the baseline holds are left out of the report and the exit code.
 */
function compareWithBaseline(report: CheckReport, args: CheckArgs, io: CliIo): void {
  const shown = args.writeBaseline ?? args.baseline;
  if (shown === undefined) return;
  const file = path.resolve(io.cwd, shown);
  if (args.writeBaseline !== undefined) {
    const count = writeBaseline(report, file);
    io.stderr.write(`heard: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${shown}\n`);
  }
  report.baseline = applyBaseline(report, readBaseline(file, shown), file, shown, args.writeBaseline !== undefined, io.cwd);
}

/** --min-level and --quiet: findings below the level are counted, and left out of everything else. */
function leaveOutBelow(report: CheckReport, level: NonNullable<CheckArgs['minLevel']>): void {
  const shown = new Set(atOrAbove(level));
  let count = 0;
  for (const file of report.files) {
    const kept = file.findings.filter((f) => shown.has(f.severity));
    count += file.findings.length - kept.length;
    file.findings = kept;
  }
  report.belowMinLevel = { level, count };
}

/** What --fix changed (or --fix-dry-run would change), per file, on standard error. */
function reportFixes(report: CheckReport, args: CheckArgs, io: CliIo): void {
  if (args.fix === 'none') return;
  const verb = args.fix === 'write' ? 'fixed' : 'would fix';
  let total = 0;
  let files = 0;
  let notFixed = 0;
  for (const file of report.files) {
    const fix = file.fix;
    if (!fix) continue;
    // Paths, words and reasons come from the documents: never raw control characters on a terminal.
    const listApplied = () => {
      for (const a of fix.applied) io.stderr.write(terminalSafe(`  ${a.line}:${a.column}  ${a.ruleId}  "${a.from}" -> "${a.to}"`) + '\n');
    };
    if (fix.notWritten) {
      if (fix.applied.length > 0) notFixed++;
      io.stderr.write(`heard: ${terminalSafeLine(file.path)}: ${terminalSafe(fix.notWritten)}\n`);
      // What would have changed, so the writer can make the changes by hand (a .docx, a read-only file).
      listApplied();
      continue;
    }
    total += fix.applied.length;
    files++;
    io.stderr.write(`heard: ${verb} ${fix.applied.length} in ${terminalSafeLine(file.path)}${fix.inPlace ? ' (rewritten in place)' : ''}\n`);
    listApplied();
  }
  const skipped = notFixed > 0 ? `; ${notFixed} file${notFixed === 1 ? '' : 's'} not fixed (reasons above)` : '';
  if (total === 0 && notFixed === 0) {
    io.stderr.write(`heard: ${nothingToFix(report)}${args.fix === 'write' ? '' : '; no diff to show'}\n`);
    return;
  }
  io.stderr.write(`heard: ${verb} ${total} finding${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}${args.fix === 'write' ? '' : ' (nothing written)'}${skipped}\n`);
}

/** Why --fix found nothing to do: no findings, or none with a rewrite that needs no judgement. */
function nothingToFix(report: CheckReport): string {
  const findings = report.files.reduce((n, f) => n + f.findings.length, 0);
  if (findings === 0) return 'nothing to fix: no findings';
  return `nothing is safe to fix: none of the ${findings} finding${findings === 1 ? '' : 's'} has a rewrite --fix may apply (each needs facts or judgement only the writer has; the text output shows them)`;
}

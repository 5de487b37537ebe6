// `heard report`: checks files and folders (or reads the JSON-lines results of `heard check
// --input jsonl`), gathers the audit's numbers one document or record at a time, and writes one
// self-contained HTML file plus the same numbers as JSON and CSV.
import * as fs from 'fs';
import * as path from 'path';
import type { LexiconEntry } from '../engine';
import { ConfigError, resolveSettings, type ResolvedSettings } from '../node/config';
import { DIRECTIVE_ENTRIES } from '../node/directives';
import type { ConfigArgs } from '../cli/args';
import { terminalSafeLine } from '../cli/format/terminal';
import { UsageError, type CliIo } from '../cli/io';
import { checkRecordText, JSONL_RESULT_VERSION, readLines, type RecordResult } from '../cli/jsonlInput';
import { heardVersion } from '../cli/packageInfo';
import { pageLineLabel } from '../cli/pdfInput';
import { DEFAULT_EXTENSIONS, discoverFiles } from '../cli/discover';
import { DEFAULT_MAX_FILE_SIZE, readDocumentFile, type DocumentText } from '../cli/readDocument';
import { Aggregator, type AuditInput } from './aggregate';
import { compare, readPrevious } from './compare';
import { writeDataFiles } from './dataFiles';
import { parseDate } from './documentStats';
import { renderReport } from './html';

export interface ReportArgs extends ConfigArgs {
  /** Files, folders and globs to check, and .jsonl results files ('-' for standard input). */
  paths: string[];
  out: string;
  dataDir?: string;
  compare?: string;
  /** Metadata field of JSON-lines records that names their group (default `folder`). */
  groupBy: string;
  title: string;
  skipUnreadable: boolean;
}

/** A results file of `heard check --input jsonl` rather than a document to check. */
export function isResultsFile(input: string): boolean {
  return input === '-' || /\.(jsonl|ndjson)$/i.test(input);
}

/** The text the engine checks, and how to name a line of it. */
function textAndLocator(document: DocumentText, shown: string): { text: string; locate: (line: number) => string } {
  if (document.kind === 'pdf') return { text: document.text, locate: (line) => `${shown} ${pageLineLabel(document, line)}` };
  if (document.kind === 'docx') return { text: document.paragraphs.join('\n\n'), locate: (line) => `${shown} ¶${Math.floor((line - 1) / 2) + 1}` };
  return { text: document.text, locate: (line) => `${shown}:${line}` };
}

export async function reportCommand(args: ReportArgs, io: CliIo): Promise<number> {
  const configFile = args.configFile ? path.resolve(io.cwd, args.configFile) : undefined;
  const settingsFor = (absPath: string | undefined): ResolvedSettings => {
    try {
      return resolveSettings(absPath, { overrides: args.overrides, configFile, cwd: io.cwd });
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
  };
  const base = settingsFor(undefined);
  const rules = new Map<string, LexiconEntry>([...DIRECTIVE_ENTRIES.map((e) => [e.id, e] as const), ...base.lexicon.entries.map((e) => [e.entry.id, e.entry] as const)]);
  const previous = args.compare ? readPrevious(path.resolve(io.cwd, args.compare), args.compare) : undefined;

  const aggregator = new Aggregator();
  const inputs = args.paths.length > 0 ? args.paths : ['.'];
  const resultsFiles = inputs.filter(isResultsFile);
  const documents = inputs.filter((i) => !isResultsFile(i));
  let unreadable = 0;
  const notChecked = (location: string, reason: string) => {
    unreadable++;
    aggregator.addNotChecked(location, reason);
    io.stderr.write(`heard: not checked ${terminalSafeLine(location)}: ${terminalSafeLine(reason)}\n`);
  };

  if (documents.length > 0) {
    const { files } = discoverFiles(documents, { cwd: io.cwd, configFile: args.configFile, extensions: [...DEFAULT_EXTENSIONS, '.pdf'] });
    for (const file of files) {
      const settings = settingsFor(file.absPath);
      const read = await readDocumentFile(file.absPath, settings.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      if (!read.ok) {
        notChecked(file.displayPath, read.reason);
        continue;
      }
      const { text, locate } = textAndLocator(read.document, file.displayPath);
      const checked = checkRecordText(text, read.document.kind === 'text' ? settings : { ...settings, format: 'plaintext' });
      const result: RecordResult = {
        v: JSONL_RESULT_VERSION,
        id: file.displayPath,
        source: { file: file.displayPath, line: 1 },
        meta: {},
        words: checked.stats.words,
        records: checked.stats.records,
        findings: checked.findings,
        suppressions: checked.suppressions,
      };
      const folder = path.posix.dirname(file.displayPath);
      aggregator.add({ result, folder: folder === '' ? '.' : folder, locate });
    }
  }

  for (const input of resultsFiles) {
    const absPath = path.resolve(io.cwd, input);
    if (input !== '-' && !fs.existsSync(absPath)) throw new UsageError(`results file not found: ${input}`);
    const stream = input === '-' ? io.stdinStream?.() : fs.createReadStream(absPath, { highWaterMark: 64 * 1024 });
    if (!stream) throw new UsageError('standard input cannot be read here');
    for await (const line of readLines(stream, 64 * 1024 * 1024)) {
      const where = `${input}:${line.number}`;
      if ('tooLong' in line) {
        notChecked(where, 'result line too long');
        continue;
      }
      if (line.text.trim() === '') continue;
      let parsed: Partial<RecordResult> & { error?: string };
      try {
        parsed = JSON.parse(line.text);
      } catch {
        notChecked(where, 'not a result line of heard check --input jsonl (not valid JSON)');
        continue;
      }
      if (typeof parsed.error === 'string') {
        aggregator.addNotChecked(`${parsed.source?.file ?? input}:${parsed.source?.line ?? '?'}`, parsed.error);
        continue;
      }
      if (parsed.v !== JSONL_RESULT_VERSION || typeof parsed.id !== 'string' || !Array.isArray(parsed.findings) || !Array.isArray(parsed.records)) {
        notChecked(where, `not a result line of heard check --input jsonl (format version ${JSONL_RESULT_VERSION})`);
        continue;
      }
      const result = parsed as RecordResult;
      const meta = result.meta ?? {};
      const group = meta[args.groupBy];
      const type = meta.type ?? meta.recordType;
      const date = typeof meta.date === 'string' ? parseDate(meta.date) : undefined;
      const auditInput: AuditInput = {
        result: { ...result, suppressions: result.suppressions ?? [] },
        folder: typeof group === 'string' || typeof group === 'number' ? String(group) : input === '-' ? '(standard input)' : path.basename(input),
        locate: (l) => `record ${result.id}, line ${l}`,
        ...(typeof type === 'string' ? { recordType: type } : {}),
        ...(date ? { date } : {}),
      };
      aggregator.add(auditInput);
    }
  }

  const data = aggregator.result();
  const comparison = previous ? compare(previous, data, args.compare!) : undefined;
  const outFile = path.resolve(io.cwd, args.out);
  const described = [
    documents.length > 0 ? `${data.overall.documents} document${data.overall.documents === 1 ? '' : 's'} from ${documents.join(', ')}` : '',
    resultsFiles.length > 0 ? `results of heard check --input jsonl from ${resultsFiles.join(', ')}` : '',
  ].filter(Boolean);
  const html = await renderReport(data, { title: args.title, inputs: described.join('; '), generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', version: heardVersion() }, rules, comparison);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, html);
  const dataDir = args.dataDir ? path.resolve(io.cwd, args.dataDir) : path.dirname(outFile);
  const written = writeDataFiles(data, dataDir, path.basename(outFile).replace(/\.html?$/i, ''));
  io.stderr.write(
    `heard: wrote ${terminalSafeLine(args.out)} (${data.overall.documents} document${data.overall.documents === 1 ? '' : 's'} or records, ${data.overall.findings} finding${data.overall.findings === 1 ? '' : 's'}) and ${written.length} data files in ${terminalSafeLine(path.relative(io.cwd, dataDir) || '.')}\n`,
  );
  return unreadable > 0 && !args.skipUnreadable ? 2 : 0;
}

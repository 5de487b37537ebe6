// `heard check --input jsonl`: records exported from a case-management system, one JSON object a
// line ({"id", "text", …metadata}), checked one at a time and written out as one JSON line per
// record. Memory stays constant whatever the input size: lines are read from a stream (never the
// whole file), a line longer than the size limit is skipped without being held, and output waits
// for the reader (back-pressure). --shard i/n keeps the records whose id hashes to share i, so n
// machines or CI jobs split an export between them without coordinating.
import * as fs from 'fs';
import * as path from 'path';
import { isUtf8 } from 'buffer';
import { analyse, type Finding } from '../engine';
import { ConfigError, resolveSettings, type ResolvedSettings } from '../node/config';
import { DIRECTIVE_RULE_IDS, directiveFindings } from '../node/directives';
import { didYouMean } from '../engine/suggest';
import { documentStats, type RecordStats } from '../report/documentStats';
import type { CheckArgs } from './args';
import { terminalSafeLine } from './format/terminal';
import { UsageError, type CliIo } from './io';
import { DEFAULT_MAX_FILE_SIZE, formatBytes } from './readDocument';
import { atOrAbove } from './report';

/** Version of the JSON-lines result format (docs/report.md); `heard report` reads it back. */
export const JSONL_RESULT_VERSION = 1;

export interface Shard {
  /** 1-based: --shard 1/4 is the first of four shares. */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (got '${value}')`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}

/**
 * FNV-1a (32-bit) over the id's UTF-8 bytes: the same share on every machine, Node version and
 * run, and spread evenly enough for sharding. Not a security hash, nor meant to be one.
 */
export function shardOf(id: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(id, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

export type InputLine = { number: number; text: string } | { number: number; tooLong: number };

/**
 * Lines of a byte stream, without their line ending. A line longer than `maxBytes` is not
 * collected: its bytes are counted and dropped until the next newline, so one huge line cannot
 * exhaust memory.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let dropping = false;
  let number = 1;
  const finish = (): InputLine => {
    const line: InputLine = dropping ? { number, tooLong: length } : { number, text: decodeLine(Buffer.concat(parts, length)) };
    parts = [];
    length = 0;
    dropping = false;
    number++;
    return line;
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      take(chunk.subarray(from, nl));
      yield finish();
      from = nl + 1;
    }
    if (from < chunk.length) take(chunk.subarray(from));
  }
  if (length > 0 || dropping) yield finish();

  function take(piece: Buffer): void {
    length += piece.length;
    if (dropping) return;
    if (length > maxBytes) {
      dropping = true;
      parts = [];
      return;
    }
    parts.push(piece);
  }
}

/** Strict UTF-8 (a bad byte is reported, not replaced); a trailing CR (CRLF files) is dropped. */
function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  const body = bytes.subarray(0, end);
  if (!isUtf8(body)) throw new LineError('not valid UTF-8');
  return body.toString('utf8');
}

class LineError extends Error {}

/** One record's result line: the record's id and metadata, its words and records, and findings. */
export interface RecordResult {
  v: number;
  id: string;
  /** Where the record came from: input file (or "-") and 1-based line. */
  source: { file: string; line: number };
  meta: Record<string, unknown>;
  words: number;
  records: RecordStats[];
  findings: ResultFinding[];
  suppressions: ResultSuppression[];
}

/** A finding in a result line: rule and place; message, reason and sources are the rule's (heard explain). */
export interface ResultFinding {
  ruleId: string;
  category: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  suggestions: string[];
  /** The words around the finding on its line (at most ~160 characters), for the report's drill-down. */
  excerpt?: string;
}

export interface ResultSuppression extends ResultFinding {
  reason: string;
}

/** A line that could not be checked, written in the result stream at its place. */
export interface LineErrorResult {
  v: number;
  error: string;
  source: { file: string; line: number };
  id?: string;
}

/** The finding's line, cut to a window around the finding when the line is long. */
export function excerptOf(text: string, f: Finding): string {
  const lineStart = text.lastIndexOf('\n', f.offset - 1) + 1;
  let lineEnd = text.indexOf('\n', f.offset);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, f.offset - 70);
  const to = Math.min(lineEnd, f.offset + f.length + 70);
  return `${from > lineStart ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < lineEnd ? '…' : ''}`;
}

function resultFinding(f: Finding, text: string): ResultFinding {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    line: f.start.line + 1,
    column: f.start.character + 1,
    endLine: f.end.line + 1,
    endColumn: f.end.character + 1,
    text: f.text,
    suggestions: f.suggestions,
    excerpt: excerptOf(text, f),
  };
}

/** Checks one record's text with the run's settings; exported for `heard report` and the tests. */
export function checkRecordText(text: string, settings: ResolvedSettings, minLevel?: CheckArgs['minLevel']) {
  const analysis = analyse(text, { lexicon: settings.lexicon, format: settings.format, profile: settings.profile, config: settings.config });
  const problems = directiveFindings(text, settings.format, settings.lexicon, settings.config);
  let findings = problems.length > 0 ? [...analysis.findings, ...problems].sort((a, b) => a.offset - b.offset) : analysis.findings;
  const stats = documentStats(text, settings.format, findings, settings.config.recordSeparator);
  if (minLevel) {
    const shown = new Set<string>(atOrAbove(minLevel));
    findings = findings.filter((f) => shown.has(f.severity));
  }
  return {
    stats,
    findings: findings.map((f) => resultFinding(f, text)),
    suppressions: analysis.suppressed.map((s) => ({ ...resultFinding(s.finding, text), reason: s.reason })),
  };
}

/** Output with back-pressure: batches small writes, and waits when the reader is slower than us. */
class LineWriter {
  private buffer = '';
  constructor(private readonly out: CliIo['stdout']) {}
  async write(line: string): Promise<void> {
    this.buffer += line + '\n';
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const ok = this.out.write(this.buffer);
    this.buffer = '';
    const stream = this.out as CliIo['stdout'] & { once?: (event: string, listener: () => void) => unknown };
    if (ok === false && typeof stream.once === 'function') await new Promise<void>((resolve) => stream.once!('drain', resolve));
  }
}

export async function checkJsonlCommand(args: CheckArgs, io: CliIo): Promise<number> {
  let settings: ResolvedSettings;
  try {
    settings = resolveSettings(undefined, {
      overrides: args.overrides,
      configFile: args.configFile ? path.resolve(io.cwd, args.configFile) : undefined,
      cwd: io.cwd,
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  for (const id of Object.keys(args.overrides.rules ?? {})) {
    if (!settings.lexicon.byId.has(id) && !DIRECTIVE_RULE_IDS.includes(id)) {
      throw new UsageError(`unknown rule '${id}' in --rule${didYouMean(id, [...settings.lexicon.byId.keys(), ...DIRECTIVE_RULE_IDS])}`);
    }
  }
  // Records are plain text unless the config says otherwise: no file name gives a format.
  settings = { ...settings, format: 'plaintext' };
  const maxBytes = settings.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const inputs = args.paths.length > 0 ? args.paths : ['-'];
  for (const input of inputs) {
    if (input !== '-' && !fs.existsSync(path.resolve(io.cwd, input))) throw new UsageError(`input file not found: ${input}`);
  }

  const writer = new LineWriter(io.stdout);
  const failing = new Set<string>(atOrAbove(args.failOn));
  const count = { checked: 0, otherShards: 0, bad: 0, findings: 0, failing: 0 };
  for (const input of inputs) {
    const stream = input === '-' ? io.stdinStream?.() : fs.createReadStream(path.resolve(io.cwd, input), { highWaterMark: 64 * 1024 });
    if (!stream) throw new UsageError('standard input cannot be read here');
    for await (const line of readLines(stream as AsyncIterable<Buffer>, maxBytes)) {
      const source = { file: input, line: line.number };
      const bad = async (error: string, id?: string) => {
        count.bad++;
        io.stderr.write(`heard: ${terminalSafeLine(input)}:${line.number}: ${error}\n`);
        const result: LineErrorResult = { v: JSONL_RESULT_VERSION, error, source, ...(id !== undefined ? { id } : {}) };
        await writer.write(JSON.stringify(result));
      };
      if ('tooLong' in line) {
        await bad(`line too long to check (${formatBytes(line.tooLong)}; the limit is ${formatBytes(maxBytes)}): raise maxFileSize in .heard.yaml or pass --max-file-size`);
        continue;
      }
      let parsed: unknown;
      try {
        if (line.text.trim() === '') continue;
        parsed = JSON.parse(line.text);
      } catch (e) {
        // JSON.parse's message quotes the line: only its position is kept, never record text.
        const position = /at position (\d+)/.exec((e as Error).message)?.[1];
        await bad(e instanceof LineError ? e.message : `not valid JSON${position ? ` (at character ${Number(position) + 1})` : ''}`);
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        await bad('not a JSON object: each line must be {"id": …, "text": …}');
        continue;
      }
      const { id, text, ...meta } = parsed as Record<string, unknown>;
      if (typeof id !== 'string' && typeof id !== 'number') {
        await bad('no "id" (a string or number) on this record');
        continue;
      }
      const idText = String(id);
      if (typeof text !== 'string') {
        await bad('no "text" (a string) on this record', idText);
        continue;
      }
      if (args.shard && shardOf(idText, args.shard.count) !== args.shard.index) {
        count.otherShards++;
        continue;
      }
      const checked = checkRecordText(text, settings, args.minLevel);
      count.checked++;
      count.findings += checked.findings.length;
      count.failing += checked.findings.filter((f) => failing.has(f.severity)).length;
      const result: RecordResult = {
        v: JSONL_RESULT_VERSION,
        id: idText,
        source,
        meta,
        words: checked.stats.words,
        records: checked.stats.records,
        findings: checked.findings,
        suppressions: checked.suppressions,
      };
      await writer.write(JSON.stringify(result));
    }
  }
  await writer.flush();
  const shardNote = args.shard ? `, ${count.otherShards} left to other shards (--shard ${args.shard.index}/${args.shard.count})` : '';
  const badNote = count.bad > 0 ? `, ${count.bad} line${count.bad === 1 ? '' : 's'} not checked (above)` : '';
  io.stderr.write(`heard: checked ${count.checked} record${count.checked === 1 ? '' : 's'}${shardNote}${badNote}; ${count.findings} finding${count.findings === 1 ? '' : 's'}\n`);
  if (count.bad > 0 && !args.skipUnreadable) return 2;
  return count.failing > 0 ? 1 : 0;
}

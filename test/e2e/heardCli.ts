// The oracle for the editor tests: what the Heard CLI (the same engine and config resolver) says
// about a file. Editors must show exactly these findings, at these places, and fix them the same way.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReportedFinding } from '../../server/src/cli/report';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const HEARD_BIN = path.join(ROOT, 'bin', 'heard.js');
/** Screenshots, logs and reports of the end-to-end runs (not in git). */
export const ARTIFACTS = path.resolve(process.env.HEARD_E2E_ARTIFACTS ?? path.join(ROOT, 'test-results', 'e2e'));

/** A finding as `heard check --format json` reports it (1-based lines, UTF-16 columns). */
export type CliFinding = ReportedFinding;

export interface CliReport {
  files: Array<{ path: string; findings: CliFinding[] }>;
  summary: { files: number; filesWithFindings: number; findings: number; suppressed: number; skipped: number; fixed: number };
}

function runHeard(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [HEARD_BIN, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
  if (result.error) throw result.error;
  return result;
}

/** `heard check --format json` on files or folders; fails on a usage, config or read error (exit 2). */
export function heardCheck(paths: string[], extra: string[] = [], cwd = ROOT): CliReport {
  const result = runHeard(['check', '--format', 'json', '--jobs', '1', ...extra, ...paths], cwd);
  if (result.status !== 0 && result.status !== 1) throw new Error(`heard check exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as CliReport;
}

/** The findings of one file. */
export function findingsOf(file: string, extra: string[] = []): CliFinding[] {
  const report = heardCheck([file], extra);
  return report.files.find((f) => path.resolve(ROOT, f.path) === path.resolve(file))?.findings ?? [];
}

/** The findings Heard gives for `text` if it were saved as `file` (same folder, so the same config). */
export function findingsOfText(file: string, text: string): CliFinding[] {
  const copy = path.join(path.dirname(file), `.oracle-${process.pid}-${path.basename(file)}`);
  fs.writeFileSync(copy, text);
  try {
    return findingsOf(copy);
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

/** What `heard check --fix` makes of `text` (safe rewrites only). */
export function cliFixed(file: string, text: string): string {
  const copy = path.join(path.dirname(file), `.oracle-${process.pid}-${path.basename(file)}`);
  fs.writeFileSync(copy, text);
  try {
    const result = runHeard(['check', '--fix', '--format', 'json', '--jobs', '1', copy]);
    if (result.status === 2) throw new Error(`heard check --fix failed: ${result.stderr}`);
    return fs.readFileSync(copy, 'utf8');
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

/**
 * A scratch copy of examples/ (the tests edit and save files; the repository's stay as they are),
 * in a folder still called `examples`, as the editor shows the name. Remove it with removeScratch.
 */
export function copyExamples(prefix: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 'examples');
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

export function removeScratch(examplesCopy: string): void {
  fs.rmSync(path.dirname(examplesCopy), { recursive: true, force: true });
}

/** Elapsed seconds since `start`, for the timings the suites print. */
export const seconds = (start: number) => ((Date.now() - start) / 1000).toFixed(1);

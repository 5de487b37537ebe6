// Child processes for the benchmark: timed with process.hrtime.bigint(), killed on timeout, and
// all killed if the harness exits or is interrupted, so a failed run leaves nothing behind.
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import * as fs from 'fs';
import { nsToMs } from './stats';

const live = new Set<ChildProcess>();
let handlersInstalled = false;

function killAll(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.stderr.write(`\nbench: stopped by ${signal}\n`);
      process.exit(130);
    });
  }
}

/** Starts a child that the harness will kill on exit (for long-lived children such as the server). */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  installHandlers();
  const child = spawn(command, args, options);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.delete(child);
}

/**
 * CPU time (user + system) of this process's finished children, from /proc/self/stat (cutime and
 * cstime, in clock ticks of 10 ms). Read before and after a child runs, it gives that child's CPU
 * time, worker threads included: less disturbed than wall time when other work shares the cores.
 */
function childCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which is in parentheses and may contain spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

export interface RunResult {
  ms: number;
  /** CPU time of the process (all threads), 10 ms resolution; NaN where /proc is missing. */
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Exit codes that mean the tool ran (linters exit 1 when they find something). */
  okCodes?: number[];
}

/** Runs a whole process to completion; wall time from spawn to exit. Throws on timeout or failure. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const cpuBefore = childCpuMs();
    const started = process.hrtime.bigint();
    const child = spawnTracked(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      kill(child);
      reject(new Error(`timed out after ${options.timeoutMs} ms: ${[command, ...args.slice(0, 4)].join(' ')}${args.length > 4 ? ' …' : ''}`));
    }, options.timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      const elapsed = nsToMs(process.hrtime.bigint() - started);
      clearTimeout(timer);
      const result = { ms: elapsed, cpuMs: childCpuMs() - cpuBefore, code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
      const ok = options.okCodes ?? [0];
      if (code === null || !ok.includes(code)) {
        reject(new Error(`${command} ${args.slice(0, 3).join(' ')}… exited with ${code}: ${result.stderr.slice(0, 500)}`));
      } else {
        resolve(result);
      }
    });
  });
}

/** VmRSS and VmHWM (peak) of a live process, in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
    return { rssMb: field('VmRSS'), peakMb: field('VmHWM') };
  } catch {
    return undefined;
  }
}

// Running the checks: in the main thread for small runs, on a pool of worker threads (one per
// core) for large ones. Results come back by job index, so the output order is the sorted path
// order whichever worker finishes first.
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Checker, type CheckerOptions, type FileJob, type JobResult } from './checker';

/** Past these, starting workers (each compiles the lexicon) pays for itself. */
export const PARALLEL_MIN_FILES = 8;
export const PARALLEL_MIN_BYTES = 1024 * 1024;

/** Files over `maxFileSize` are skipped unread, so they do not count towards the size of the run. */
export function shouldUseWorkers(jobs: FileJob[], maxWorkers: number, maxFileSize: number): boolean {
  if (maxWorkers < 2 || jobs.length < 2) return false;
  if (jobs.length > PARALLEL_MIN_FILES) return true;
  let bytes = 0;
  for (const job of jobs) {
    if (!job.absPath) continue;
    try {
      const size = fs.statSync(job.absPath).size;
      if (size <= maxFileSize) bytes += size;
    } catch {
      // A file that vanished is reported by the checker.
    }
    if (bytes > PARALLEL_MIN_BYTES) return true;
  }
  return false;
}

export interface RunOptions {
  maxWorkers: number;
  maxFileSize: number;
  /** Called once per finished job (progress). */
  onResult?: (result: JobResult) => void;
}

/** Results in job order. Stops early (without waiting for the rest) when a job is fatal. */
export async function runJobs(jobs: FileJob[], checkerOptions: CheckerOptions, options: RunOptions): Promise<JobResult[]> {
  if (!shouldUseWorkers(jobs, options.maxWorkers, options.maxFileSize)) {
    const checker = new Checker(checkerOptions);
    const results: JobResult[] = [];
    for (const job of jobs) {
      const result = await checker.check(job);
      results.push(result);
      options.onResult?.(result);
      if (result.outcome.kind === 'fatal') break;
    }
    return results;
  }
  return runOnWorkers(jobs, checkerOptions, Math.min(options.maxWorkers, jobs.length), options.onResult);
}

function runOnWorkers(jobs: FileJob[], checkerOptions: CheckerOptions, count: number, onResult?: (r: JobResult) => void): Promise<JobResult[]> {
  const script = path.join(__dirname, 'worker.js');
  const results: JobResult[] = new Array(jobs.length);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results.filter((r) => r !== undefined));
    };
    const feed = (worker: Worker) => {
      if (next < jobs.length) worker.postMessage(jobs[next++]);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: checkerOptions });
      workers.push(worker);
      worker.on('message', (result: JobResult) => {
        results[result.index] = result;
        done++;
        onResult?.(result);
        if (result.outcome.kind === 'fatal' || done === jobs.length) finish();
        else feed(worker);
      });
      worker.on('error', (e) => finish(new Error(`a worker thread failed: ${e.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) finish(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
      });
      feed(worker);
    }
  });
}

// A progress bar on standard error for long runs in a terminal; nothing at all otherwise, so logs,
// pipes and CI output stay clean.
import { SingleBar } from 'cli-progress';
import type { OutputStream } from './io';

/** Runs with fewer files finish before a bar would help. */
export const PROGRESS_MIN_FILES = 10;

export interface Progress {
  tick(): void;
  stop(): void;
}

export function wantsProgress(stderr: OutputStream, env: NodeJS.ProcessEnv, total: number): boolean {
  return !!stderr.isTTY && env.TERM !== 'dumb' && total >= PROGRESS_MIN_FILES;
}

export function startProgress(stderr: OutputStream, env: NodeJS.ProcessEnv, total: number): Progress {
  if (!wantsProgress(stderr, env, total)) return { tick: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: stderr as NodeJS.WriteStream,
    format: 'heard {bar} {value}/{total} files',
    barsize: 30,
    clearOnComplete: true,
    hideCursor: true,
    etaBuffer: 50,
  });
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

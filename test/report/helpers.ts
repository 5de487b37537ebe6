// Shared set-up for the audit tests: an in-process runner whose standard input is a stream (as
// `--input jsonl` reads it), and JSON-lines parsing of what it printed.
import { Readable } from 'stream';
import { main } from '../../server/src/cli/main';

export interface StreamRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `heard …` in-process with `stdin` as a stream (a string, or chunks produced one by one). */
export async function runWithStream(argv: string[], cwd: string, stdin: string | AsyncIterable<Buffer> = '', onStdout?: (chunk: string) => void): Promise<StreamRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdout: {
      write: (s: string) => {
        stdout += s;
        onStdout?.(s);
        return true;
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => Buffer.from(typeof stdin === 'string' ? stdin : ''),
    stdinStream: () => (typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : stdin),
  });
  return { code, stdout, stderr };
}

export function jsonLines(text: string): Array<Record<string, any>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

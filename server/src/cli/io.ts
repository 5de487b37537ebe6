// Where the CLI reads and writes. Commands take a CliIo instead of touching `process` so tests can
// run them in-process and read what they printed.
import pc from 'picocolors';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** A terminal's width (Node sets it on a TTY stream). */
  columns?: number;
}

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  /**
   * Standard input's bytes. With `maxBytes`, stops reading as soon as more than that has arrived
   * (the result is then longer than `maxBytes`): an endless or huge stream is never buffered whole.
   */
  readStdin(maxBytes?: number): Promise<Buffer>;
  /** Standard input as a stream, for inputs read line by line (--input jsonl). */
  stdinStream?(): AsyncIterable<Buffer>;
}

export type Colors = ReturnType<typeof pc.createColors>;

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinStream: () => process.stdin,
    readStdin: async (maxBytes = Infinity) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        // Leaving the loop destroys the stream: nothing more is read.
        if (total > maxBytes) break;
      }
      return Buffer.concat(chunks);
    },
  };
}

/**
 * Colour only for a terminal. picocolors alone also turns colour on whenever `CI` is set, which
 * would put escape codes into files and pipes on a CI machine; NO_COLOR and FORCE_COLOR still win.
 */
export function colorsFor(stream: OutputStream, env: NodeJS.ProcessEnv): Colors {
  let enabled = !!stream.isTTY && env.TERM !== 'dumb';
  if ('NO_COLOR' in env && env.NO_COLOR !== '') enabled = false;
  else if ('FORCE_COLOR' in env) enabled = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return pc.createColors(enabled);
}

/** A usage, configuration or input problem: reported as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

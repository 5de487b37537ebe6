// Reading a file the user named, or a project file named: only a regular file, and only up to a
// size. A named pipe (FIFO) would block the read for ever, /dev/zero would fill memory, a folder
// gives EISDIR: each is refused by its type, with a message, before anything is read. The type is
// checked with stat(), the file opened without blocking (a FIFO with no writer opens at once) and
// checked again on the open descriptor, so a file swapped meanwhile is caught too.
import * as fs from 'fs';

/** The file cannot be read for a reason the user can act on; `message` says it plainly. */
export class ReadRefused extends Error {
  constructor(
    message: string,
    /** Set when the file is a regular file larger than the limit. */
    readonly size?: number,
  ) {
    super(message);
    this.name = 'ReadRefused';
  }
}

/** What a file that is not a regular file is, in words ("a named pipe (FIFO)"). */
export function describeFileType(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Throws ReadRefused unless `stat` is a regular file. */
export function requireRegularFile(stat: fs.Stats): void {
  if (!stat.isFile()) throw new ReadRefused(`${describeFileType(stat)}, not a regular file`);
}

function errnoMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return `permission denied (${err.code})`;
  return err.code ?? err.message;
}

/**
 * The bytes of a regular file of at most `maxBytes`. Throws ReadRefused (with `size` when it is
 * too large) for anything else, including a missing or unreadable file.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new ReadRefused(`cannot be read (${errnoMessage(e)})`);
  }
  requireRegularFile(stat);
  if (stat.size > maxBytes) throw new ReadRefused('too large', stat.size);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ReadRefused(`cannot be read (${errnoMessage(e)})`);
  }
  try {
    const opened = fs.fstatSync(fd);
    requireRegularFile(opened);
    if (opened.size > maxBytes) throw new ReadRefused('too large', opened.size);
    // Read to the end, but never past the limit: the file may grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(opened.size - total, 0) + 1, maxBytes + 1 - total, 1 << 20) || 1);
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        throw new ReadRefused(`cannot be read (${errnoMessage(e)})`);
      }
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new ReadRefused('too large', total);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

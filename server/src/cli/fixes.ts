// Writing fixes: atomically (a temporary file beside the original, then rename), only if the file
// has not changed since it was read; and the unified diff shown by --fix-dry-run.
import { randomBytes } from 'crypto';
import { createTwoFilesPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { threadId } from 'worker_threads';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export function stampOf(file: string): FileStamp {
  const stat = fs.statSync(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * Replaces `file` with `content` so that a reader sees either the old or the new file, never half
 * of one. Writes through a symbolic link to its target and keeps the file's permissions. Throws
 * if the file changed after `expected` was taken.
 */
export function writeFileAtomic(file: string, content: string | Buffer, expected: FileStamp): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  if (stat.size !== expected.size || stat.mtimeMs !== expected.mtimeMs) {
    throw new Error('it changed on disk while it was being checked; run again');
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.heard-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', stat.mode & 0o7777);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** A unified diff with git-style `a/` and `b/` names, so `git apply` or `patch -p1` can apply it. */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after).replace(/^=+\n/, '');
}

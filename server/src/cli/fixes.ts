// Writing fixes, safely on shared folders: atomically (a temporary file beside the original, then
// rename) when that keeps the file what it was, in place when it has other hard links; only if the
// file has not changed since it was read (checked again just before the rename); never through a
// symbolic link that leads out of the folders being checked; read-only files only when asked.
// Also the unified diff shown by --fix-dry-run.
import { randomBytes } from 'crypto';
import { createTwoFilesPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { threadId } from 'worker_threads';

/** What a file was when it was read: any difference means someone else changed it. */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function stampOf(file: string): FileStamp {
  return stampOfStats(fs.statSync(file));
}

function stampOfStats(stat: fs.Stats): FileStamp {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** A file Heard chose not to write (a decision, not a failure): the reason says why and what to do. */
export class FixSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixSkipped';
  }
}

export interface WriteOptions {
  /**
   * Real paths of the folders being checked. When given, a file whose real path (after symbolic
   * links) is outside all of them is not written.
   */
  roots?: string[];
  /** Write files that are read-only (no write permission bit, or not writable by this user). */
  allowReadOnly?: boolean;
}

export type WriteMethod = 'replaced' | 'in-place';

const CHANGED = 'it changed on disk while it was being checked; run again';

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not every file system lets a folder be synced; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const ownerName = (uid: number) => (uid === 0 ? 'root' : `user ${uid}`);

/**
 * Writes `content` over `file`, if `file` is still as `expected` describes it. A reader sees either
 * the old or the new file (except for a file with several hard links, which is rewritten in place so
 * that every link sees the change). Keeps the permissions, owner and group. Throws FixSkipped when
 * the file should not be written (and why), an Error when it could not be.
 */
export function writeFileAtomic(file: string, content: string | Buffer, expected: FileStamp, options: WriteOptions = {}): WriteMethod {
  const target = fs.realpathSync(file);
  if (options.roots && !options.roots.some((root) => isInside(target, root))) {
    throw new FixSkipped(`it leads, through a symbolic link, to ${target}, outside the folders being checked; fix that file where it is`);
  }
  const stat = fs.statSync(target);
  if (!sameStamp(stampOfStats(stat), expected)) throw new Error(CHANGED);
  if (!stat.isFile()) throw new FixSkipped('not a regular file');
  const readOnly = (stat.mode & 0o222) === 0 || !writable(target);
  if (readOnly && !options.allowReadOnly) throw new FixSkipped('the file is read-only; pass --fix-read-only to fix read-only files too');
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;

  // Other hard links would keep the old text after a rename: change the file itself.
  if (stat.nlink > 1) return writeInPlace(target, bytes, expected, `it has ${stat.nlink} hard links`);

  const uid = process.geteuid?.() ?? stat.uid;
  const gid = process.getegid?.() ?? stat.gid;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.heard-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    if (stat.uid !== uid || stat.gid !== gid) {
      try {
        fs.fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // Only root may give a file away: replacing it would change its owner. Change it in place if we may.
        fs.closeSync(fd);
        fd = undefined;
        fs.rmSync(temp, { force: true });
        if (writable(target)) return writeInPlace(target, bytes, expected, `it belongs to ${ownerName(stat.uid)}`);
        throw new FixSkipped(`it belongs to ${ownerName(stat.uid)} and only they can change it; not replaced, so that it keeps its owner`);
      }
    }
    // The mode exactly, whatever the umask.
    fs.fchmodSync(fd, stat.mode & 0o7777);
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // The last moment to notice a save made while we checked and wrote: just before the rename.
    let now: fs.Stats;
    try {
      now = fs.statSync(target);
    } catch {
      throw new Error(CHANGED);
    }
    if (!sameStamp(stampOfStats(now), expected) || fs.realpathSync(file) !== target) throw new Error(CHANGED);
    fs.renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw e;
  }
  fsyncFolder(path.dirname(target));
  return 'replaced';
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, done);
}

/** Rewrites the file's own bytes (same inode: owner, mode and hard links stay), checking it first. */
function writeInPlace(target: string, bytes: Buffer, expected: FileStamp, why: string): WriteMethod {
  let fd: number;
  try {
    fd = fs.openSync(target, fs.constants.O_RDWR | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new FixSkipped(`${why} and cannot be changed in place (no write permission)`);
    throw e;
  }
  try {
    if (!sameStamp(stampOfStats(fs.fstatSync(fd)), expected)) throw new Error(CHANGED);
    writeAll(fd, bytes);
    fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return 'in-place';
}

/** A unified diff with git-style `a/` and `b/` names, so `git apply` or `patch -p1` can apply it. */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after).replace(/^=+\n/, '');
}

// Which files a folder walk or a glob leaves out: `.gitignore` files (from the repository root
// down, each relative to its own folder) and the `ignore:` list of the governing config file
// (relative to that file), both in .gitignore syntax via the `ignore` package.
import * as fs from 'fs';
import ignore, { type Ignore } from 'ignore';
import * as path from 'path';
import { findConfigFile, readConfigFile } from '../node/config';
import { ReadRefused, readRegularFile } from '../node/safeRead';

/** Folders never entered: dependencies and git's own data. */
export const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export class IgnoreRules {
  private readonly gitignoreByDir = new Map<string, Ignore | null>();
  private readonly configByDir = new Map<string, string | undefined>();
  private readonly configIgnores = new Map<string, Ignore | null>();
  private readonly dirVerdicts = new Map<string, boolean>();
  private readonly rootByDir = new Map<string, string | undefined>();

  /** `configFile`: the --config file, which then governs every path. */
  constructor(private readonly configFile?: string) {}

  /** The config file whose `ignore:` list applies to a path (throws ConfigError if it is broken). */
  configFor(dir: string): string | undefined {
    if (this.configFile) return this.configFile;
    if (!this.configByDir.has(dir)) this.configByDir.set(dir, findConfigFile(dir));
    return this.configByDir.get(dir);
  }

  /** Whether the config's `ignore:` list excludes the path. */
  isConfigIgnored(absPath: string, isDir = false): boolean {
    const config = this.configFor(isDir ? absPath : path.dirname(absPath));
    if (!config) return false;
    let rules = this.configIgnores.get(config);
    if (rules === undefined) {
      const patterns = readConfigFile(config).ignore ?? [];
      rules = patterns.length > 0 ? ignore().add(patterns) : null;
      this.configIgnores.set(config, rules);
    }
    return rules !== null && matches(rules, path.dirname(config), absPath, isDir);
  }

  /** Whether a .gitignore between the repository root (or `top`) and the path excludes it or a folder above it. */
  isGitIgnored(absPath: string, isDir: boolean, top: string): boolean {
    const root = this.repositoryRoot(path.dirname(absPath)) ?? top;
    const parent = path.dirname(absPath);
    if (parent !== root && isInside(root, parent) && this.isDirIgnored(parent, root)) return true;
    return this.ignoredByAncestors(absPath, isDir, root);
  }

  /** Whether a walk or glob leaves the path out. */
  excludes(absPath: string, isDir: boolean, top: string): boolean {
    return this.isGitIgnored(absPath, isDir, top) || this.isConfigIgnored(absPath, isDir);
  }

  private isDirIgnored(dir: string, root: string): boolean {
    const cached = this.dirVerdicts.get(dir);
    if (cached !== undefined) return cached;
    const parent = path.dirname(dir);
    const verdict =
      ALWAYS_SKIPPED.has(path.basename(dir)) ||
      (parent !== root && isInside(root, parent) && this.isDirIgnored(parent, root)) ||
      this.ignoredByAncestors(dir, true, root);
    this.dirVerdicts.set(dir, verdict);
    return verdict;
  }

  /** Tests the .gitignore files of every folder from `root` down to the path's parent. */
  private ignoredByAncestors(absPath: string, isDir: boolean, root: string): boolean {
    const dirs: string[] = [];
    for (let dir = path.dirname(absPath); isInside(root, dir); dir = path.dirname(dir)) {
      dirs.unshift(dir);
      if (dir === root) break;
    }
    let ignored = false;
    for (const dir of dirs) {
      const rules = this.gitignore(dir);
      if (!rules) continue;
      const result = rules.test(relativeFor(dir, absPath, isDir));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private gitignore(dir: string): Ignore | null {
    let rules = this.gitignoreByDir.get(dir);
    if (rules === undefined) {
      const file = path.join(dir, '.gitignore');
      rules = fs.existsSync(file) ? ignore().add(readGitignore(file)) : null;
      this.gitignoreByDir.set(dir, rules);
    }
    return rules;
  }

  private repositoryRoot(dir: string): string | undefined {
    if (this.rootByDir.has(dir)) return this.rootByDir.get(dir);
    const root = fs.existsSync(path.join(dir, '.git')) ? dir : path.dirname(dir) === dir ? undefined : this.repositoryRoot(path.dirname(dir));
    this.rootByDir.set(dir, root);
    return root;
  }
}

function isInside(dir: string, candidate: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function relativeFor(base: string, absPath: string, isDir: boolean): string {
  return toPosix(path.relative(base, absPath)) + (isDir ? '/' : '');
}

function matches(rules: Ignore, base: string, absPath: string, isDir: boolean): boolean {
  if (!isInside(base, absPath) || base === absPath) return false;
  return rules.ignores(relativeFor(base, absPath, isDir));
}

/**
 * A .gitignore's text, or nothing when it is not a regular file of sensible size: a named pipe
 * would block the walk for ever, a device fill memory, and git itself ignores such a file.
 */
function readGitignore(file: string): string {
  try {
    return readRegularFile(file, 4 * 1024 * 1024).toString('utf8');
  } catch (e) {
    if (e instanceof ReadRefused) return '';
    throw e;
  }
}

// Turning the paths and globs on the command line into a sorted list of files to check.
// Folders recurse; folders and globs keep only the checked file types and honour .gitignore and
// the config's `ignore:` list. A file named on the command line is checked whatever its type and
// .gitignore (like `git add` of a tracked file), but the config's `ignore:` list still skips it,
// so a pre-commit hook that passes staged files respects it.
import * as fs from 'fs';
import * as path from 'path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './io';
import { ALWAYS_SKIPPED, IgnoreRules } from './ignoreRules';
import { comparePaths } from './report';

export const DEFAULT_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx'];

export interface DiscoverOptions {
  cwd: string;
  configFile?: string;
  extensions?: string[];
}

export interface DiscoveredFile {
  absPath: string;
  /** Relative to the working directory, forward slashes (or absolute when outside it). */
  displayPath: string;
}

export function displayPath(cwd: string, absPath: string): string {
  const rel = path.relative(cwd, absPath);
  return (rel === '' ? path.basename(absPath) : rel).split(path.sep).join('/');
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Files named on the command line that the config's `ignore:` list skips. */
  ignoredByConfig: string[];
}

/** Finds the files to check; throws UsageError for a missing path or a glob that matches nothing. */
export function discoverFiles(inputs: string[], options: DiscoverOptions): Discovery {
  const extensions = new Set((options.extensions ?? DEFAULT_EXTENSIONS).map((e) => e.toLowerCase()));
  const wanted = (file: string) => extensions.has(path.extname(file).toLowerCase());
  const rules = new IgnoreRules(options.configFile ? path.resolve(options.cwd, options.configFile) : undefined);
  const found = new Set<string>();
  const ignoredByConfig: string[] = [];

  for (const input of inputs.length > 0 ? inputs : ['.']) {
    const abs = path.resolve(options.cwd, input);
    const stat = statOrUndefined(abs);
    if (stat?.isDirectory()) {
      for (const file of walk(abs, rules, wanted)) found.add(file);
    } else if (stat) {
      if (rules.isConfigIgnored(abs)) ignoredByConfig.push(input);
      else found.add(abs);
    } else if (isDynamicPattern(input)) {
      const matched = globSync([input], {
        cwd: options.cwd,
        absolute: true,
        dot: true,
        onlyFiles: true,
        expandDirectories: false,
        followSymbolicLinks: false,
        ignore: [...ALWAYS_SKIPPED].map((name) => `**/${name}/**`),
      })
        .map((f) => path.resolve(f))
        .filter((f) => (wanted(f) || namesItsExtension(input, f)) && !rules.excludes(f, false, options.cwd));
      if (matched.length === 0) throw new UsageError(`no files to check match '${input}'`);
      for (const file of matched) found.add(file);
    } else {
      throw new UsageError(`no such file or folder: ${input}`);
    }
  }

  const files = [...found]
    .map((absPath) => ({ absPath, displayPath: displayPath(options.cwd, absPath) }))
    .sort((a, b) => comparePaths(a.displayPath, b.displayPath));
  return { files, ignoredByConfig };
}

/**
 * A glob that names a readable kind a folder walk leaves out ("reviews/**\/*.pdf"): its files are
 * wanted. Folders take only DEFAULT_EXTENSIONS, so a scanned PDF in a repository of notes cannot
 * fail a CI run that never asked for PDFs.
 */
const ASKED_FOR_ONLY = ['.pdf'];
function namesItsExtension(glob: string, file: string): boolean {
  const ext = path.extname(file).toLowerCase();
  return ASKED_FOR_ONLY.includes(ext) && glob.toLowerCase().endsWith(ext);
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Every wanted file under `top`, pruning ignored folders. Symbolic links to folders are not followed (no cycles). */
function walk(top: string, rules: IgnoreRules, wanted: (file: string) => boolean): string[] {
  const files: string[] = [];
  const pending = [top];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        isFile = statOrUndefined(full)?.isFile() ?? false;
        isDir = false;
      }
      if (isDir) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !rules.excludes(full, true, top)) pending.push(full);
      } else if (isFile && wanted(full) && !rules.excludes(full, false, top)) {
        files.push(full);
      }
    }
  }
  return files;
}

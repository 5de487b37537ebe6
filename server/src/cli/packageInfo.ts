// Facts about the installed Heard package, read from its package.json at run time (importing the
// JSON would make tsc copy it into out/, which would then look like the package root).
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../node/lexiconFiles';

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  return (cached ??= JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as PackageJson);
}

export function heardVersion(): string {
  return packageJson().version;
}

/** The repository's web address, when package.json names a GitHub repository. */
export function repositoryUrl(): string | undefined {
  const repo = packageJson().repository;
  const raw = typeof repo === 'string' ? repo : repo?.url;
  if (!raw) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1].replace(/\.git$/, '')}`;
  const m = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(raw);
  return m ? `https://github.com/${m[1]}` : undefined;
}

/**
 * Where the rule pages (`docs/rules/<id>.md`) are published: --rule-docs-url, else the GitHub
 * repository in package.json. Undefined when neither is known (SARIF then leaves out helpUri).
 */
export function ruleDocsBase(override?: string): string | undefined {
  if (override) return override.endsWith('/') ? override : `${override}/`;
  const repo = repositoryUrl();
  return repo ? `${repo}/blob/HEAD/docs/rules/` : undefined;
}

/** The relative path of a rule's page inside the package. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

// Reads a V8 CPU profile (node --cpu-prof) and summarises where the time went: self time per
// function, inclusive time per engine function, and time per area (compromise, engine files, GC).
// Lines in the compiled output are mapped back to the TypeScript sources through their source maps.
import * as fs from 'fs';
import * as path from 'path';
import { SourceMap } from 'module';
import { fileURLToPath } from 'url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  /** Source location, relative to the repository (TypeScript where a source map says so). */
  location: string;
  area: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  selfTop: FunctionTime[];
  /** Inclusive (self plus callees) time of Heard's own functions. */
  inclusiveTop: FunctionTime[];
  areas: Array<{ area: string; ms: number; percent: number }>;
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file)!;
}

function locate(frame: ProfileNode['callFrame'], root: string): string {
  if (!frame.url) return '';
  if (frame.url.startsWith('node:')) return frame.url;
  let file = frame.url;
  try {
    if (file.startsWith('file:')) file = fileURLToPath(file);
  } catch {
    return frame.url;
  }
  const map = sourceMapFor(file);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && 'originalSource' in entry && entry.originalSource) {
    const original = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
    return `${path.relative(root, original)}:${entry.originalLine + 1}`;
  }
  return `${path.relative(root, file)}:${frame.lineNumber + 1}`;
}

function areaOf(frame: ProfileNode['callFrame'], location: string): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1];
  const ours = /^(server\/src\/[^:]+|bench\/[^:]+)/.exec(location);
  return ours ? ours[1] : 'other';
}

export function summariseProfile(file: string, root: string, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const keyOf = new Map<number, { key: string; name: string; location: string; area: string }>();
  for (const node of profile.nodes) {
    const location = locate(node.callFrame, root);
    const name = node.callFrame.functionName || '(anonymous)';
    keyOf.set(node.id, { key: `${name}@${location}`, name, location, area: areaOf(node.callFrame, location) });
  }

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  // timeDeltas[i + 1] is the time until the next sample: the time sample i stands for.
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const info = keyOf.get(profile.samples[i])!;
    self.set(info.key, (self.get(info.key) ?? 0) + us);
    areas.set(info.area, (areas.get(info.area) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const k = keyOf.get(id)!;
      if (!seen.has(k.key)) {
        seen.add(k.key);
        inclusive.set(k.key, (inclusive.get(k.key) ?? 0) + us);
      }
    }
  }
  const totalUs = profile.endTime - profile.startTime;
  const info = new Map([...keyOf.values()].map((k) => [k.key, k]));
  const rows = (m: Map<string, number>, keep: (k: { area: string }) => boolean) =>
    [...m.entries()]
      .filter(([key]) => keep(info.get(key)!))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const k = info.get(key)!;
        return { name: k.name, location: k.location, area: k.area, ms: us / 1000, percent: (100 * us) / totalUs };
      });
  return {
    totalMs: totalUs / 1000,
    selfTop: rows(self, () => true),
    inclusiveTop: rows(inclusive, (k) => k.area.startsWith('server/src/')),
    areas: [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: us / 1000, percent: (100 * us) / totalUs })),
  };
}

// The shape of one benchmark run: what run.ts measures, what report.ts writes and results.json holds.
import type { RunnerResult } from './engineRunner';
import type { EditingRun } from './lsp';
import type { ProfileSummary } from './profile';

export interface CorpusInfo {
  label: string;
  files: string[];
  bytes: number;
  note: string;
}

export interface ProcessTimes {
  /** Wall time of each whole-process run, in run order. */
  runs: number[];
  median: number;
  /** CPU time (all threads) of each run, and its median. */
  cpuRuns: number[];
  cpuMedian: number;
  /** Findings (or warnings) the tool reported, as a check that it read every file. */
  findings: number;
}

export interface PeerRow {
  corpus: string;
  bytes: number;
  files: number;
  heard: ProcessTimes;
  alex: ProcessTimes;
  writeGood: ProcessTimes;
}

export interface BenchResults {
  generatedAt: string;
  durationS: number;
  options: { quick: boolean; runs: number; corpusRuns: number; edits: number };
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    os: string;
    node: string;
    commit: string;
    loadBefore: number[];
    loadAfter: number[];
    alex: string;
    writeGood: string;
  };
  corpora: {
    seeds?: CorpusInfo;
    generated: CorpusInfo & { seed: number; sha256: string; kinds: Record<string, number> };
  };
  notes: string[];
  /** 1-minute load average when each section started: other work on the machine shows here. */
  load: Array<{ section: string; load1: number }>;
  engine: Array<{ corpus: string; result: RunnerResult }>;
  /** One small document in a fresh process: the first analysis against a second one. */
  coldStart?: { file: string; result: RunnerResult };
  cli: {
    jobs: number;
    fixedCost: ProcessTimes;
    /** `node -e 0`: Node's own start and exit, the floor under any CLI written for Node. */
    nodeStart?: ProcessTimes;
    whole: Array<{ corpus: string; bytes: number; files: number; times: ProcessTimes }>;
    perDocument: Array<{ file: string; bytes: number; ms: number }>;
  };
  peers: PeerRow[];
  inProcess?: { heard: RunnerResult; alex: RunnerResult };
  editing?: { file: string; defaultDebounceMs: number; runs: EditingRun[]; engineOnly?: RunnerResult };
  scaling: {
    sizes: Array<{ targetKb: number; bytes: number; engineMs: number; cliMs: number }>;
    files: Array<{ count: number; bytes: number; jobs: Record<string, number> }>;
  };
  profiles: Array<{ title: string; summary: ProfileSummary }>;
}

// Small statistics and formatting helpers for the report.

/** Nanoseconds (from process.hrtime.bigint()) as milliseconds. */
export function nsToMs(ns: bigint): number {
  return Number(ns) / 1e6;
}

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export interface Summary {
  p50: number;
  p95: number;
  max: number;
  mean: number;
  n: number;
}

export function summarise(values: number[]): Summary {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), mean: sum(values) / values.length, n: values.length };
}

/** Megabytes (2^20 bytes) per second. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1048576 / (ms / 1000);
}

/** Least-squares slope of log(y) on log(x): 1 means linear growth. */
export function logLogSlope(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = sum(lx) / lx.length;
  const my = sum(ly) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 10000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function kb(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

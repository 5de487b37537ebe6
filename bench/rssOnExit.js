// Preloaded into `heard check` by bench/adversarial.ts (node --require): when the process exits,
// writes its peak resident set size (kB, from getrusage) and CPU time (user + system, ms) as JSON
// to the file named by HEARD_BENCH_RSS_FILE. CPU time is what the benchmark compares: on a shared
// machine wall time mostly measures the other processes.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  if (!process.env.HEARD_BENCH_RSS_FILE) return;
  const usage = process.resourceUsage();
  fs.writeFileSync(process.env.HEARD_BENCH_RSS_FILE, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});

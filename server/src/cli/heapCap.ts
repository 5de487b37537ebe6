// `heard check --input jsonl` runs over exports of any size in constant memory. Its live heap is
// small (~30 MB with the core lexicon), but V8 grows its heap lazily while allocation is fast, so
// without a cap RSS crept from 176 MB (5,000 records) to 290 MB (100,000 records) although no
// memory was retained (bench/records.md). The command therefore runs in a Node process whose
// old generation is capped: V8 then collects before growing past it. The cap can only be set when
// a process starts, so the CLI starts itself once more with it, sharing standard input, output and
// error (back-pressure and pipes behave as before). NODE_OPTIONS or node flags that set a heap
// size win, and HEARD_HEAP_CAPPED marks the child so it never starts another.
import { spawn } from 'child_process';

/** Old-generation cap in MB: room for one record at the 10 MB default size limit (~300 MB RSS peak). */
export const JSONL_HEAP_MB = 192;

export function wantsHeapCap(argv: string[], env: NodeJS.ProcessEnv, execArgv: string[]): boolean {
  if (argv[0] !== 'check') return false;
  const jsonl = argv.some((a, i) => a === '--input=jsonl' || (a === '--input' && argv[i + 1] === 'jsonl'));
  if (!jsonl || env.HEARD_HEAP_CAPPED) return false;
  const setsHeap = (flags: string) => /--max-old-space-size|--max_old_space_size/.test(flags);
  return !setsHeap(execArgv.join(' ')) && !setsHeap(env.NODE_OPTIONS ?? '');
}

/** Runs this CLI again with the heap cap and the same arguments; resolves to its exit code. */
export function relaunchWithHeapCap(script: string, argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${JSONL_HEAP_MB}`, script, ...argv], {
      stdio: 'inherit',
      env: { ...process.env, HEARD_HEAP_CAPPED: '1' },
    });
    // Ctrl-C reaches both processes (same process group); the parent waits for the child's code.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + 2 : 2)));
    child.on('error', () => resolve(2));
  });
}

// A worker thread of `heard check`: one Checker (own lexicon and paragraph cache) that checks the
// files the main thread sends, one at a time, and posts each result back.
import { parentPort, workerData } from 'worker_threads';
import { Checker, type CheckerOptions, type FileJob } from './checker';

const checker = new Checker(workerData as CheckerOptions);
parentPort!.on('message', (job: FileJob) => {
  checker.check(job).then(
    (result) => parentPort!.postMessage(result),
    (e: Error) => parentPort!.postMessage({ index: job.index, outcome: { kind: 'fatal', message: `internal error in Heard, please report it: ${e.message}` } }),
  );
});

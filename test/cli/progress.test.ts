// The progress bar appears only for long runs on a terminal.
import * as assert from 'assert';
import { PROGRESS_MIN_FILES, startProgress, wantsProgress } from '../../server/src/cli/progress';

describe('progress bar', () => {
  it('is shown on a terminal for long runs only', () => {
    const tty = { write: () => true, isTTY: true };
    assert.strictEqual(wantsProgress(tty, {}, PROGRESS_MIN_FILES), true);
    assert.strictEqual(wantsProgress(tty, {}, PROGRESS_MIN_FILES - 1), false);
    assert.strictEqual(wantsProgress(tty, { TERM: 'dumb' }, 100), false);
    assert.strictEqual(wantsProgress({ write: () => true }, {}, 100), false, 'never in a pipe, a file or a CI log');
  });

  it('writes nothing when not wanted', () => {
    let written = '';
    const progress = startProgress({ write: (s: string) => (written += s) }, {}, 100);
    progress.tick();
    progress.stop();
    assert.strictEqual(written, '');
  });
});

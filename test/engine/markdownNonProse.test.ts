// Markdown that is not shown as text is not checked as prose (issue 12): HTML tags with their
// attributes, link reference definitions (`[label]: url`) and the labels of reference links.
import * as assert from 'assert';
import { segment } from '../../server/src/engine/segment';
import { found } from './helpers';

describe('Markdown that is not prose', () => {
  it('does not read HTML attributes, and still reads the text between tags', () => {
    const text = 'Photo: <img alt="Amira (14) is streetwise" src="a.png"> and <span title="Leo (14) is streetwise">Leo (14) is streetwise</span>.\n';
    const findings = found(text);
    assert.strictEqual(findings.length, 1, findings.join('; '));
    const masked = segment(text, 'markdown').masked;
    assert.strictEqual(masked.length, text.length, 'offsets kept');
    assert.ok(!masked.includes('alt=') && !masked.includes('title='));
    assert.ok(masked.includes('Leo (14) is streetwise'));
    // In plain text, angle brackets are text.
    assert.ok(segment(text, 'plaintext').masked.includes('alt="Amira (14) is streetwise"'));
  });

  it('does not read link reference definitions or the labels of reference links', () => {
    const text = 'Read [the guidance][Amira (14) is streetwise] first.\n\n[Amira (14) is streetwise]: https://example.org/guide "Amira (14) is streetwise"\n';
    assert.deepStrictEqual(found(text), []);
    assert.deepStrictEqual(found('Amira (14) is streetwise, says [the guidance][note].\n\n[note]: https://example.org/guide\n').length, 1);
  });

  it('stays linear on unclosed tags and labels', () => {
    for (const unit of ['<img alt="', '<span a=b ', '[', '][x']) {
      const started = Date.now();
      segment(unit.repeat(200_000 / unit.length), 'markdown');
      assert.ok(Date.now() - started < 2000, `${unit}: ${Date.now() - started} ms`);
    }
  });
});

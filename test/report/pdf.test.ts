// PDF input: a two-page text PDF, generated here with pdf-lib from a source text, gives the same
// findings as the source text, located as page:line; a PDF without a text layer is refused (exit 2).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { removeTempProjects, runCli, tempProject } from '../cli/helpers';

const PAGE_ONE = ['Review of practice', '', 'Amira chose to go back to the flat.', 'Staff said she was street-wise.'];
const PAGE_TWO = ['There was an incident at the party.', '', 'Amira chose to leave school early.'];

/** A PDF with one page per list of lines; an empty line leaves a blank line's gap (a paragraph break). */
async function makePdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => {
      if (line !== '') page.drawText(line, { x: 56, y: 780 - i * 16, size: 12, font });
    });
  }
  return Buffer.from(await doc.save());
}

/** A PDF whose one page is a drawn shape and no text, as a scan without OCR is. */
async function makeImageOnlyPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
  return Buffer.from(await doc.save());
}

describe('PDF input', function () {
  this.timeout(60_000);
  after(removeTempProjects);

  it('a generated two-page PDF gives the same findings as its source text, with page:line locations', async () => {
    const source = [...PAGE_ONE, '', ...PAGE_TWO].join('\n') + '\n';
    const cwd = tempProject({ 'review.pdf': await makePdf([PAGE_ONE, PAGE_TWO]), 'review.txt': source });
    const fromPdf = await runCli(['check', '--format', 'json', 'review.pdf'], { cwd });
    const fromText = await runCli(['check', '--format', 'json', 'review.txt'], { cwd });
    assert.strictEqual(fromPdf.code, 1, fromPdf.stderr);
    const pdfFindings = JSON.parse(fromPdf.stdout).files[0].findings;
    const textFindings = JSON.parse(fromText.stdout).files[0].findings;
    const key = (f: { ruleId: string; text: string; column: number }) => `${f.ruleId}|${f.text}|${f.column}`;
    assert.deepStrictEqual(pdfFindings.map(key), textFindings.map(key));
    assert.deepStrictEqual(
      pdfFindings.map((f: { ruleId: string; page: number; pageLine: number }) => `${f.ruleId}@p${f.page}:${f.pageLine}`),
      ['cli-chose-to@p1:2', 'cli-streetwise@p1:3', 'cli-incident@p2:1', 'cli-chose-to@p2:2'],
    );
    const text = await runCli(['check', 'review.pdf'], { cwd });
    assert.match(text.stdout, /p2:1:14 +information +cli-incident/);
    assert.match(text.stdout, /p1:3 \| Staff said she was street-wise\./);
  });

  it('heard report reads PDFs in a folder and locates findings by page and line', async () => {
    const cwd = tempProject({ 'reviews/review.pdf': await makePdf([PAGE_ONE, PAGE_TWO]) });
    const run = await runCli(['report', 'reviews', '--out', 'r.html'], { cwd });
    assert.strictEqual(run.code, 0, run.stderr);
    const html = fs.readFileSync(path.join(cwd, 'r.html'), 'utf8');
    assert.match(html, /<code>reviews\/review\.pdf p2:1<\/code> <span class="rule">cli-incident<\/span>/);
  });

  it('a PDF without a text layer gives exit 2 and says why', async () => {
    const cwd = tempProject({ 'scan.pdf': await makeImageOnlyPdf(), 'broken.pdf': Buffer.from('%PDF-1.4\nnot really a pdf') });
    const scan = await runCli(['check', 'scan.pdf'], { cwd });
    assert.strictEqual(scan.code, 2);
    assert.match(scan.stderr, /scan\.pdf: no text layer in its 1 page \(a scanned image\?\): Heard reads only text PDFs; run OCR/);
    const broken = await runCli(['check', 'broken.pdf'], { cwd });
    assert.strictEqual(broken.code, 2);
    assert.match(broken.stderr, /broken\.pdf: not a readable PDF/);
  });

  it('--fix never writes a PDF', async () => {
    const pdf = await makePdf([PAGE_ONE]);
    const cwd = tempProject({ 'review.pdf': pdf });
    const run = await runCli(['check', '--fix', 'review.pdf'], { cwd });
    assert.match(run.stderr, /PDF files are never changed/);
    assert.deepStrictEqual(fs.readFileSync(path.join(cwd, 'review.pdf')), pdf);
  });
});

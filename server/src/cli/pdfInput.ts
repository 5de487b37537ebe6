// Text of a PDF (a published practice review) with pdf.js, the `pdfjs-dist` package's legacy build
// for Node: lines rebuilt from the text items' positions, a blank line where the vertical gap is
// larger than line spacing (so paragraphs stay paragraphs), pages separated by a blank line. Each
// line of the extracted text knows its page and its line on that page, for page:line locations.
// A PDF with no text layer (a scan) is refused with a reason, never checked as empty.

export interface PdfText {
  text: string;
  /** For each 0-based line of `text`: its 1-based page and 1-based line on that page (0 for blank lines). */
  linePage: number[];
  linePageLine: number[];
  pages: number;
}

export type PdfOutcome = { ok: true; pdf: PdfText } | { ok: false; reason: string };

export function isPdf(file: string): boolean {
  return /\.pdf$/i.test(file);
}

/** 'p2:14': page 2, line 14 of that page; for a blank line, the page alone. */
export function pageLineLabel(pdf: Pick<PdfText, 'linePage' | 'linePageLine'>, line1Based: number): string {
  const page = pdf.linePage[line1Based - 1] ?? pdf.linePage[pdf.linePage.length - 1] ?? 1;
  const onPage = pdf.linePageLine[line1Based - 1] ?? 0;
  return onPage > 0 ? `p${page}:${onPage}` : `p${page}`;
}

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

export async function extractPdf(bytes: Uint8Array, maxTextBytes: number): Promise<PdfOutcome> {
  // pdf.js is an ES module of ~2 MB, loaded only when a PDF is read.
  const pdfjs: PdfJs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // isEvalSupported off: no code generated from the file; no font, CMap or wasm URL is given, so
  // nothing is fetched (text extraction needs none of them).
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') return { ok: false, reason: 'the PDF is password-protected: save an unprotected copy to check it' };
    return { ok: false, reason: `not a readable PDF (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    const lines: string[] = [];
    const linePage: number[] = [];
    const linePageLine: number[] = [];
    let size = 0;
    let letters = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      page.cleanup();
      if (p > 1) push('', p, 0);
      let onPage = 0;
      let current = '';
      let currentY: number | undefined;
      let lastY: number | undefined;
      let lastHeight = 0;
      const endLine = () => {
        if (current.trim() === '' && currentY === undefined) return;
        // A gap of much more than one line's spacing is a paragraph break.
        if (lastY !== undefined && currentY !== undefined && lastHeight > 0 && Math.abs(lastY - currentY) > 1.8 * lastHeight && onPage > 0) push('', p, 0);
        push(current.replace(/\s+$/, ''), p, ++onPage);
        lastY = currentY;
        current = '';
        currentY = undefined;
      };
      for (const raw of content.items as TextItem[]) {
        if (typeof raw.str !== 'string') continue;
        const y = raw.transform[5];
        // A new baseline without an end-of-line mark still starts a new line.
        if (currentY !== undefined && raw.str !== '' && Math.abs(y - currentY) > Math.max(2, raw.height / 2)) endLine();
        if (currentY === undefined && raw.str.trim() !== '') currentY = y;
        current += raw.str;
        if (raw.height > 0) lastHeight = raw.height;
        if (raw.hasEOL) endLine();
      }
      endLine();
      if (size > maxTextBytes) return { ok: false, reason: `its text is too large to check (more than ${maxTextBytes} bytes): raise maxFileSize in .heard.yaml or pass --max-file-size` };
    }
    if (letters === 0) {
      return { ok: false, reason: `no text layer in its ${doc.numPages} page${doc.numPages === 1 ? '' : 's'} (a scanned image?): Heard reads only text PDFs; run OCR on it or check the original document` };
    }
    return { ok: true, pdf: { text: lines.join('\n'), linePage, linePageLine, pages: doc.numPages } };

    function push(line: string, page: number, onPage: number): void {
      lines.push(line);
      linePage.push(page);
      linePageLine.push(onPage);
      size += line.length + 1;
      if (/\p{L}/u.test(line)) letters++;
    }
  } finally {
    await doc.destroy();
  }
}

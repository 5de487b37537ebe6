// Reading a document for checking: size limit, binary detection, strict UTF-8, and .docx text
// extraction. A file that cannot be read gives a reason the user can act on, never a crash.
import { isUtf8 } from 'buffer';
import type Mammoth from 'mammoth';
import { readRegularFile, ReadRefused } from '../node/safeRead';
import { docxLimitsFor, docxOverLimits } from './docxLimits';
import { extractPdf, isPdf } from './pdfInput';

/** Files larger than this are skipped unless `maxFileSize` (config) or --max-file-size says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export type DocumentText =
  | { kind: 'text'; text: string; bom: boolean }
  /** Paragraphs that contain text, in document order (table cells and list items included). */
  | { kind: 'docx'; paragraphs: string[] }
  /** A text PDF: the text of its pages, and each line's page and line on that page (pdfInput.ts). */
  | { kind: 'pdf'; text: string; linePage: number[]; linePageLine: number[] };

export type ReadOutcome = { ok: true; document: DocumentText } | { ok: false; reason: string };

export function isDocx(file: string): boolean {
  return /\.docx$/i.test(file);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(size: number, limit: number): string {
  return `too large to check (${formatBytes(size)}; the limit is ${formatBytes(limit)}): raise maxFileSize in .heard.yaml or pass --max-file-size`;
}

/** Decodes strict UTF-8 text, or says why the bytes are not text. */
export function decodeText(bytes: Buffer): ReadOutcome {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'UTF-16 text: save it as UTF-8 to check it' };
  }
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary file (it contains NUL bytes), not text' };
  if (!isUtf8(bytes)) return { ok: false, reason: invalidUtf8Reason(bytes) };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, document: { kind: 'text', text: bytes.toString('utf8', bom ? 3 : 0), bom } };
}

/** Where the first invalid UTF-8 sequence is: the replacement characters a lenient decode put in. */
function invalidUtf8Reason(bytes: Buffer): string {
  const lenient = bytes.toString('utf8');
  for (let at = lenient.indexOf('\uFFFD'); at >= 0; at = lenient.indexOf('\uFFFD', at + 1)) {
    const byteOffset = Buffer.byteLength(lenient.slice(0, at));
    // A real U+FFFD in the file is valid UTF-8 (EF BF BD): keep looking.
    if (bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd) continue;
    const line = lenient.slice(0, at).split('\n').length;
    return `not valid UTF-8 (first bad byte at line ${line}, byte offset ${byteOffset}): save it as UTF-8 to check it`;
  }
  return 'not valid UTF-8: save it as UTF-8 to check it';
}

/** Why a .docx that is not a readable Word document was not checked, and what to do about it. */
export const DAMAGED_DOCX = 'not a readable .docx file: it is damaged or is not a Word document (open it in Word and save it as .docx again)';

/**
 * The text of a .docx, one entry per paragraph that has text. mammoth's raw text ends every
 * paragraph with a blank line and drops line breaks, so splitting on blank lines gives Word's
 * paragraphs back; stray line feeds inside a run become spaces so one paragraph stays one line.
 */
export async function extractDocx(bytes: Buffer, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadOutcome> {
  // Unpacked size, XML elements and paragraphs first: mammoth's memory grows with them.
  const over = docxOverLimits(bytes, docxLimitsFor(maxFileSize));
  // The limits check names the broken part of the zip archive: jargon to a writer.
  if (over) return { ok: false, reason: over.startsWith('not a readable .docx file') ? DAMAGED_DOCX : over };
  let raw: string;
  try {
    // mammoth is loaded only when a .docx is read: it takes ~90 ms to load.
    const mammoth = require('mammoth') as typeof Mammoth;
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    // mammoth's and its zip library's errors (with links to their documentation) mean nothing to a
    // writer; whatever the detail, the file cannot be read as a Word document.
    return { ok: false, reason: DAMAGED_DOCX };
  }
  if (Buffer.byteLength(raw, 'utf8') > maxFileSize) {
    return { ok: false, reason: `its text is too large to check (${formatBytes(Buffer.byteLength(raw, 'utf8'))}; the limit is ${formatBytes(maxFileSize)}): raise maxFileSize in .heard.yaml or pass --max-file-size` };
  }
  const paragraphs = raw
    .split('\n\n')
    .map((p) => p.replace(/[\r\n]/g, ' '))
    .filter((p) => p.trim() !== '');
  return { ok: true, document: { kind: 'docx', paragraphs } };
}

/**
 * Reads a file from disk: only a regular file (a named pipe, a device or a folder is refused by its
 * type, never read), and only up to the size limit, checked before reading and while reading.
 */
export async function readDocumentFile(file: string, maxFileSize: number): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, maxFileSize);
  } catch (e) {
    if (!(e instanceof ReadRefused)) throw e;
    if (e.size !== undefined) return { ok: false, reason: tooLarge(e.size, maxFileSize) };
    return { ok: false, reason: /not a regular file$/.test(e.message) ? `${e.message}: Heard reads only regular files` : e.message };
  }
  return readDocumentBytes(bytes, file, maxFileSize);
}

/** Reads a document already in memory (standard input), named `name` for its format. */
export async function readDocumentBytes(bytes: Buffer, name: string, maxFileSize: number): Promise<ReadOutcome> {
  if (bytes.length > maxFileSize) return { ok: false, reason: tooLarge(bytes.length, maxFileSize) };
  if (isPdf(name)) {
    const pdf = await extractPdf(bytes, maxFileSize);
    return pdf.ok ? { ok: true, document: { kind: 'pdf', text: pdf.pdf.text, linePage: pdf.pdf.linePage, linePageLine: pdf.pdf.linePageLine } } : pdf;
  }
  return isDocx(name) ? extractDocx(bytes, maxFileSize) : decodeText(bytes);
}

/** The reason standard input was not read to its end: it passed the size limit. */
export function stdinTooLarge(read: number, limit: number): string {
  return `too large to check (more than ${formatBytes(limit)} on standard input, ${formatBytes(read)} read before stopping): raise maxFileSize in .heard.yaml or pass --max-file-size`;
}

// Limits on a .docx before mammoth reads it. A .docx is a zip: a 30 KB file can unpack to
// hundreds of megabytes of XML, and mammoth builds objects for every XML element (about 1.7 KB
// each), so the compressed size alone bounds nothing (600 KB with 3.8 M empty paragraphs: 4.5 GB
// and an abort). Every part is unpacked here first, with a cap on its real (not declared) size,
// and its XML elements and paragraphs are counted; only a file within the limits goes to mammoth.
import * as zlib from 'zlib';

export interface DocxLimits {
  /** Bytes of all parts together once unpacked. */
  maxUnpackedBytes: number;
  /** XML elements in all parts together (mammoth's memory and time grow with them). */
  maxElements: number;
  /** Paragraphs (w:p elements) in all parts together. */
  maxParagraphs: number;
}

/** A .docx unpacks to at most this many times the file size limit (default 10 MB → 50 MB). */
export const DOCX_UNPACKED_FACTOR = 5;
/** About 850 MB and 15 s in mammoth at worst; a 300-page report has about 150,000. */
export const DOCX_MAX_ELEMENTS = 500_000;
/** A 2,000-page document has about 40,000. */
export const DOCX_MAX_PARAGRAPHS = 100_000;

export function docxLimitsFor(maxFileSize: number): DocxLimits {
  return { maxUnpackedBytes: DOCX_UNPACKED_FACTOR * maxFileSize, maxElements: DOCX_MAX_ELEMENTS, maxParagraphs: DOCX_MAX_PARAGRAPHS };
}

class NotAZip extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function u64(bytes: Buffer, at: number): number {
  const value = bytes.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotAZip('a size is out of range');
  return Number(value);
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The central directory, read as JSZip reads it (including its allowance for bytes before the zip). */
function entries(bytes: Buffer): Entry[] {
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= floor; at--) {
    if (bytes.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new NotAZip('no end of central directory');
  let count = bytes.readUInt16LE(eocd + 10);
  let size = bytes.readUInt32LE(eocd + 12);
  let offset = bytes.readUInt32LE(eocd + 16);
  let end = eocd;
  if ((count === 0xffff || size === MAX32 || offset === MAX32) && eocd >= 20 && bytes.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const record = u64(bytes, eocd - 20 + 8);
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== EOCD64) throw new NotAZip('bad ZIP64 end record');
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
    end = record;
  }
  // Bytes before the zip (a self-extractor, a prefix) shift every offset by the same amount.
  const shift = end - size - offset;
  if (shift < 0) throw new NotAZip('the central directory is out of place');
  const list: Entry[] = [];
  let at = offset + shift;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new NotAZip('bad central directory entry');
    const method = bytes.readUInt16LE(at + 10);
    let compressedSize = bytes.readUInt32LE(at + 20);
    let uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    // ZIP64 sizes and offset, in that order, for the fields that overflowed.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = bytes.readUInt16LE(e);
      const length = bytes.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let field = e + 4;
        if (uncompressedSize === MAX32) (uncompressedSize = u64(bytes, field)), (field += 8);
        if (compressedSize === MAX32) (compressedSize = u64(bytes, field)), (field += 8);
        if (localOffset === MAX32) localOffset = u64(bytes, field);
      }
      e += 4 + length;
    }
    list.push({ name, method, compressedSize, localOffset: localOffset + shift });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return list;
}

function dataOf(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new NotAZip(`bad local header for ${entry.name}`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) throw new NotAZip(`${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** XML elements (start tags) and paragraphs (a `p` element in any namespace prefix) in a part. */
function countXml(part: Buffer): { elements: number; paragraphs: number } {
  let elements = 0;
  let paragraphs = 0;
  for (let at = part.indexOf(0x3c); at >= 0; at = part.indexOf(0x3c, at + 1)) {
    const next = part[at + 1];
    // Not an end tag, processing instruction, comment or CDATA.
    if (next === 0x2f || next === 0x3f || next === 0x21) continue;
    elements++;
    // <prefix:p followed by space, > or /
    let i = at + 1;
    while (i < part.length && i - at < 40 && part[i] !== 0x3a && part[i] !== 0x20 && part[i] !== 0x3e && part[i] !== 0x2f) i++;
    if (part[i] === 0x3a && part[i + 1] === 0x70) {
      const after = part[i + 2];
      if (after === 0x20 || after === 0x3e || after === 0x2f || after === 0x09 || after === 0x0a || after === 0x0d) paragraphs++;
    }
  }
  return { elements, paragraphs };
}

const count = (n: number) => n.toLocaleString('en-GB');

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Undefined when the .docx is within the limits (or is not a zip at all: mammoth then gives its own
 * reason); else why it is not read.
 */
export function docxOverLimits(bytes: Buffer, limits: DocxLimits): string | undefined {
  let list: Entry[];
  try {
    list = entries(bytes);
  } catch (e) {
    return e instanceof NotAZip ? `not a readable .docx file (${e.message})` : `not a readable .docx file (${(e as Error).message})`;
  }
  let unpacked = 0;
  let elements = 0;
  let paragraphs = 0;
  const tooLarge = () =>
    `unpacks to more than ${megabytes(limits.maxUnpackedBytes)} (a .docx may unpack to ${DOCX_UNPACKED_FACTOR} times the file size limit): not read; raise maxFileSize or --max-file-size if it is a real document`;
  for (const entry of list) {
    let part: Buffer;
    try {
      const data = dataOf(bytes, entry);
      if (entry.method === 0) part = data;
      else if (entry.method === 8) part = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, limits.maxUnpackedBytes - unpacked + 1) });
      else return `not a readable .docx file (${entry.name} uses compression method ${entry.method})`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return tooLarge();
      return `not a readable .docx file (${e instanceof NotAZip ? e.message : `${entry.name}: ${(e as Error).message}`})`;
    }
    unpacked += part.length;
    if (unpacked > limits.maxUnpackedBytes) return tooLarge();
    if (/\.(xml|rels)$/i.test(entry.name) || !/\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|wdp|bin|ttf|odttf|mp4|wav)$/i.test(entry.name)) {
      const counted = countXml(part);
      elements += counted.elements;
      paragraphs += counted.paragraphs;
      if (paragraphs > limits.maxParagraphs) return `has too many paragraphs (more than ${count(limits.maxParagraphs)}): not read`;
      if (elements > limits.maxElements) return `has too many XML elements (more than ${count(limits.maxElements)}): not read`;
    }
  }
  return undefined;
}

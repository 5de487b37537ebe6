// The extension's toolbar icons, drawn at build time (no binary files in the repository): a dark
// teal rounded square with a white speech mark and an underline, as PNG at 16, 32, 48 and 128 px.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel((x + 0.5) / size, (y + 0.5) / size), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage-free drawing in unit coordinates: rounded square, a quotation bubble, an underline. */
function pixel(x, y) {
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  const white = [255, 255, 255, 255];
  const inBubble = ((x - 0.5) / 0.32) ** 2 + ((y - 0.42) / 0.22) ** 2 <= 1;
  const inTail = y > 0.55 && y < 0.72 && x > 0.3 && x < 0.42 && x - 0.3 < (0.72 - y) * 0.7;
  const inLine = y > 0.78 && y < 0.86 && x > 0.2 && x < 0.8;
  return inBubble || inTail || inLine ? white : [15, 94, 99, 255];
}

export function writeIcons(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const size of [16, 32, 48, 128]) fs.writeFileSync(path.join(dir, `${size}.png`), png(size, pixel));
}

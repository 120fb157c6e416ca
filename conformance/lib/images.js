// Tiny image helpers with no dependencies: a PNG encoder for test fixtures, and a header parser
// that tells the format and dimensions of PNG, JPEG, WebP, GIF and AVIF bytes.

import crypto from 'node:crypto';
import zlib from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * An RGB (or RGBA with alpha) PNG of width × height. The pixels are a gradient seeded by `seed`, so
 * two fixtures with different seeds have different bytes (and content hashes). With noise, the
 * pixels are random (the PNG is then about as large as the raw pixels).
 */
export function png(width, height, { alpha = false, seed = 0, noise = false } = {}) {
  const channels = alpha ? 4 : 3;
  const row = width * channels + 1;
  const raw = noise ? crypto.randomBytes(row * height) : Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    if (noise) { raw[y * row] = 0; continue; } // random pixels: incompressible, for large fixtures
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * channels;
      raw[o] = (x * 255 / Math.max(1, width - 1) + seed * 37) & 0xff;
      raw[o + 1] = (y * 255 / Math.max(1, height - 1) + seed * 11) & 0xff;
      raw[o + 2] = (seed * 53 + 90) & 0xff;
      if (alpha) raw[o + 3] = x < width / 2 ? 255 : 128;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = alpha ? 6 : 2; // colour type: RGBA / RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Format and size from the first bytes of an image: { format: 'png'|'jpeg'|'webp'|'gif'|'avif',
 * width, height }, or null when the bytes are none of those.
 */
export function imageInfo(buf) {
  const b = Buffer.from(buf);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) {
    return { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20), alpha: b[25] === 4 || b[25] === 6 };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return webp(b);
  if (b.length >= 10 && b.toString('latin1', 0, 4) === 'GIF8') {
    return { format: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && /avi[fs]/.test(b.toString('latin1', 8, 32))) {
    const i = b.indexOf('ispe', 0, 'latin1');
    if (i > 0 && i + 16 <= b.length) return { format: 'avif', width: b.readUInt32BE(i + 8), height: b.readUInt32BE(i + 12) };
    return { format: 'avif', width: null, height: null };
  }
  return null;
}

function jpeg(b) {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) { i++; continue; }
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    const len = b.readUInt16BE(i + 2);
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      return { format: 'jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), progressive: marker === 0xc2 };
    }
    i += 2 + len;
  }
  return { format: 'jpeg', width: null, height: null };
}

function webp(b) {
  const kind = b.toString('latin1', 12, 16);
  if (kind === 'VP8 ') {
    return { format: 'webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (kind === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (kind === 'VP8X') {
    return { format: 'webp', width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return { format: 'webp', width: null, height: null };
}

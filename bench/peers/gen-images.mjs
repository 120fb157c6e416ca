// Generates the benchmark inputs, deterministically (seeded PRNG, no clock, no randomness from the system):
//   big.jpg   4000×3000 JPEG q90
//   hd.jpg    1920×1080 JPEG q90
//   alpha.png 1600×1200 RGBA PNG
// Photo-like content: smooth gradients, soft blobs, a fine sinusoidal texture and per-pixel noise, so that the
// encoders see neither a flat image nor pure noise.
//
// Then VARIANTS copies of each, big-00.jpg … (default 32): the same pixels with a different comment (a JPEG COM
// segment, a PNG tEXt chunk), so that each copy has other bytes — another SHA-256 — but decodes to the same image.
// The uncached runs spread their requests over the copies so that no server can share one render between
// concurrent requests (Pixkit coalesces identical in-flight renders by content hash + transformation).
//
//   node gen-images.mjs <outdir> [variants]     (files that exist are kept)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const out = process.argv[2];
if (!out) {
    console.error('usage: node gen-images.mjs <outdir>');
    process.exit(2);
}
mkdirSync(out, { recursive: true });

// mulberry32: small, fast, deterministic
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function pixels(width, height, channels, seed) {
    const rnd = prng(seed);
    const blobs = Array.from({ length: 12 }, () => ({
        x: rnd() * width, y: rnd() * height, r: (0.08 + rnd() * 0.25) * Math.max(width, height),
        c: [rnd() * 160 - 80, rnd() * 160 - 80, rnd() * 160 - 80],
    }));
    const buf = Buffer.alloc(width * height * channels);
    let i = 0;
    for (let y = 0; y < height; y++) {
        const fy = y / height;
        for (let x = 0; x < width; x++) {
            const fx = x / width;
            // base gradient (sky-ish top, warm bottom)
            let r = 60 + 150 * fy + 30 * fx;
            let g = 90 + 80 * (1 - fy) + 40 * Math.sin(fx * 3.1);
            let b = 170 - 110 * fy + 30 * fx;
            for (const o of blobs) {
                const dx = x - o.x, dy = y - o.y;
                const k = Math.exp(-(dx * dx + dy * dy) / (o.r * o.r));
                r += o.c[0] * k; g += o.c[1] * k; b += o.c[2] * k;
            }
            // texture: fine ripples plus noise
            const t = 10 * Math.sin(x * 0.21 + 3 * Math.sin(y * 0.05)) * Math.sin(y * 0.17);
            const n = (rnd() - 0.5) * 24;
            buf[i++] = Math.max(0, Math.min(255, r + t + n));
            buf[i++] = Math.max(0, Math.min(255, g + t + n * 0.8));
            buf[i++] = Math.max(0, Math.min(255, b + t + n * 1.1));
            if (channels === 4) {
                // soft vignette in alpha, fully opaque in the middle
                const d = Math.hypot(fx - 0.5, fy - 0.5) * 2;
                buf[i++] = Math.max(0, Math.min(255, 255 * (1.25 - d)));
            }
        }
    }
    return sharp(buf, { raw: { width, height, channels } });
}

async function write(name, img) {
    const tmp = join(out, `.${name}.tmp`);
    await img.toFile(tmp);
    renameSync(tmp, join(out, name));
    const m = await sharp(join(out, name)).metadata();
    console.error(`  ${name}: ${m.width}×${m.height} ${m.format} ${m.channels}ch`);
}

const variants = Number(process.argv[3] ?? 32);
const sources = [
    ['big.jpg', () => pixels(4000, 3000, 3, 1).jpeg({ quality: 90 })],
    ['hd.jpg', () => pixels(1920, 1080, 3, 2).jpeg({ quality: 90 })],
    ['alpha.png', () => pixels(1600, 1200, 4, 3).png()],
];

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

// the same image with a comment: JPEG COM segment right after SOI, PNG tEXt chunk right after IHDR
function withComment(bytes, text) {
    const t = Buffer.from(text, 'latin1');
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
        const seg = Buffer.alloc(4 + t.length);
        seg.writeUInt16BE(0xfffe, 0);
        seg.writeUInt16BE(2 + t.length, 2);
        t.copy(seg, 4);
        return Buffer.concat([bytes.subarray(0, 2), seg, bytes.subarray(2)]);
    }
    const afterIhdr = 8 + 8 + bytes.readUInt32BE(8) + 4;
    const data = Buffer.concat([Buffer.from('tEXt'), Buffer.from('Comment\0'), t]);
    const chunk = Buffer.alloc(8 + data.length - 4 + 4);
    chunk.writeUInt32BE(data.length - 4, 0);
    data.copy(chunk, 4);
    chunk.writeUInt32BE(crc32(data), 4 + data.length);
    return Buffer.concat([bytes.subarray(0, afterIhdr), chunk, bytes.subarray(afterIhdr)]);
}

for (const [name, make] of sources) {
    if (!existsSync(join(out, name))) {
        await write(name, make());
    }
    const base = readFileSync(join(out, name));
    const [stem, ext] = name.split('.');
    for (let i = 0; i < variants; i++) {
        const v = join(out, `${stem}-${String(i).padStart(2, '0')}.${ext}`);
        if (!existsSync(v)) {
            writeFileSync(v, withComment(base, `pixkit bench variant ${i}`));
        }
    }
}

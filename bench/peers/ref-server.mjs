// Reference server: the least a sharp-based image server can do. node:http + sharp, no framework, no cache.
//   GET /<width>/<format>/<file>  →  sharp(<dir>/<file>).resize({ width }).toFormat(format, { quality: 80 })
// Metadata is stripped (sharp's default). sharp's libvips operation cache is off, like Pixkit's.
//   node ref-server.mjs <dir> <port>
import { createServer } from 'node:http';
import { join, resolve, sep } from 'node:path';
import sharp from 'sharp';

const dir = resolve(process.argv[2] ?? '.');
const port = Number(process.argv[3] ?? 8082);
const types = { webp: 'image/webp', jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', avif: 'image/avif' };
sharp.cache(false);

createServer(async (req, res) => {
    const m = /^\/(\d+)\/(\w+)\/(.+)$/.exec(req.url);
    const file = m && resolve(join(dir, decodeURIComponent(m[3])));
    if (!m || !types[m[2]] || !file.startsWith(dir + sep)) {
        res.writeHead(400).end('GET /<width>/<format>/<file>\n');
        return;
    }
    try {
        const body = await sharp(file).resize({ width: Number(m[1]) }).toFormat(m[2], { quality: 80 }).toBuffer();
        res.writeHead(200, { 'content-type': types[m[2]], 'content-length': body.length }).end(body);
    } catch (e) {
        res.writeHead(/missing|not exist/i.test(e.message) ? 404 : 500).end(`${e.message}\n`);
    }
}).listen(port, '127.0.0.1', () => console.error(`ref-server: http://127.0.0.1:${port}/ serving ${dir}`));

// ipx behind a plain node:http listener (its documented programmatic API), filesystem storage only.
//   GET /w_300,f_webp,q_80/<file>
// ipx 3 keeps no result cache of its own (each request reads the file and runs sharp); what it does for caching is
// HTTP only (Cache-Control max-age, ETag, Last-Modified → 304), which wrk never triggers (no conditional headers).
// Two settings differ from ipx's defaults, so that every server does the same work:
//   - sharp's libvips operation cache is off (Pixkit and the reference server run without it too);
//   - JPEG output is baseline (ipx defaults to progressive; Pixkit, nginx and the reference server write baseline).
//   node ipx-server.mjs <dir> <port>
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { createIPX, createIPXNodeServer, ipxFSStorage } from 'ipx';

const dir = resolve(process.argv[2] ?? '.');
const port = Number(process.argv[3] ?? 8081);
sharp.cache(false);
const ipx = createIPX({ storage: ipxFSStorage({ dir }), sharpOptions: { jpegProgressive: false } });
createServer(createIPXNodeServer(ipx))
    .listen(port, '127.0.0.1', () => console.error(`ipx: http://127.0.0.1:${port}/ serving ${dir}`));

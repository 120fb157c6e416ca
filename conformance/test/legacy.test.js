// The legacy `imagekit@6.0.0` SDK (axios; older wire habits: /v1/files/ with a trailing slash,
// "+"-encoded queries, %2C/%3A inside a signed tr, an empty Basic password) against Pixkit.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { assert, connect, describe, once, recorded, spec, uniq } from '../lib/harness.js';
import { legacyClient, legacyFails, legacyOk } from '../lib/legacy.js';
import { imageInfo, png } from '../lib/images.js';

const px = await connect();
after(() => px.close());
// axios keeps idle keep-alive sockets in Node's global agent, and they would hold the process open
after(() => http.globalAgent.destroy());
const ik = legacyClient(px);
const root = `/${uniq('legacy')}`;
const ep = px.urlEndpoint;

async function fetchImage(url, { status = 200, width, height } = {}) {
  const res = await px.get(url);
  assert.equal(res.status, status, `GET ${url} -> ${status}`);
  if (status === 200) {
    const info = imageInfo(res.body);
    assert.ok(info, `GET ${url} returns an image`);
    if (width !== undefined) assert.deepEqual([info.width, info.height], [width, height], `GET ${url}: size`);
  }
  return res;
}

spec('node_modules holds exactly one axios (the interceptor must sit on the SDK\'s instance)', () => {
  const nm = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
  const copies = [];
  const walk = (dir, depth) => {
    if (depth > 6 || !fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const p = path.join(dir, name);
      if (name.startsWith('@')) { walk(p, depth); continue; }
      if (name === 'axios' && fs.existsSync(path.join(p, 'package.json'))) copies.push(p);
      walk(path.join(p, 'node_modules'), depth + 1);
    }
  };
  walk(nm, 0);
  assert.equal(copies.length, 1, `one axios copy (npm ls axios), found: ${copies.join(', ')}`);
});

describe('legacy imagekit@6.0.0', () => {
  const bytes = png(64, 48, { seed: 9 });
  const uploaded = once(() => legacyOk(ik.upload({ file: bytes, fileName: 'legacy.png', folder: root, useUniqueFileName: false, tags: ['l1', 'l2'], responseFields: ['tags'] }),
    'POST /api/v1/files/upload (legacy SDK) -> 200 Upload'));

  spec('upload (Buffer, uploadEndpoint) -> 200 Upload', async () => {
    const up = await uploaded();
    assert.equal(up.name, 'legacy.png');
    assert.equal(up.filePath, `${root}/legacy.png`);
    assert.deepEqual([up.width, up.height], [64, 48]);
    assert.equal(up.size, bytes.length);
    assert.deepEqual(up.tags, ['l1', 'l2']);
    assert.equal(up.url, `${ep}${root}/legacy.png`);
  });

  spec('upload (base64 string) -> 200 Upload', async () => {
    const b = png(10, 5, { seed: 10 });
    const u = await legacyOk(ik.upload({ file: b.toString('base64'), fileName: 'legacy64.png', folder: root, useUniqueFileName: false }),
      'POST /api/v1/files/upload (legacy, base64) -> 200');
    assert.deepEqual([u.width, u.height], [10, 5]);
  });

  spec('getFileDetails -> FileDetails', async () => {
    const up = await uploaded();
    const f = await legacyOk(ik.getFileDetails(up.fileId), 'GET /v1/files/{fileId}/details (legacy) -> 200');
    assert.equal(f.fileId, up.fileId);
    assert.equal(f.type, 'file');
    assert.equal(f.filePath, `${root}/legacy.png`);
    assert.deepEqual(f.tags, ['l1', 'l2']);
    const ex = recorded().at(-1);
    assert.match(ex.auth, /password ""/, 'the legacy SDK sends an empty Basic password');
  });

  spec('getFileDetails(unknown) -> 404 {message, help}', async () => {
    const e = await legacyFails(ik.getFileDetails('ffffffffffffffffffffffff'), 404, 'GET /v1/files/{fileId}/details (legacy) unknown id');
    assert.equal(e.message, 'The requested file does not exist.');
  });

  spec('listFiles({path}) on /v1/files/ (trailing slash) -> the folder\'s files', async () => {
    const up = await uploaded();
    const list = await legacyOk(ik.listFiles({ path: root }), 'GET /v1/files/?path=... (legacy) -> 200');
    assert.ok(Array.isArray(list));
    assert.ok(list.some((f) => f.fileId === up.fileId), 'the uploaded file is listed');
  });

  spec('listFiles({searchQuery}) ("+"-encoded query) -> the matching file', async () => {
    await uploaded();
    const list = await legacyOk(ik.listFiles({ path: root, searchQuery: 'name = "legacy.png"' }), 'GET /v1/files/?searchQuery=... (legacy) -> 200');
    assert.deepEqual(list.map((f) => f.name), ['legacy.png']);
  });

  spec('url() path form (v6 default) -> fetched 32x24', async () => {
    await uploaded();
    const url = ik.url({ path: `${root}/legacy.png`, transformation: [{ width: 32 }] });
    assert.equal(url, `${ep}/tr:w-32${root}/legacy.png`);
    await fetchImage(url, { width: 32, height: 24 });
  });

  spec('url() signed, path form, with expireSeconds -> 200; tampered -> 401', async () => {
    await uploaded();
    const url = ik.url({ path: `${root}/legacy.png`, transformation: [{ width: 16 }], signed: true, expireSeconds: 300 });
    assert.match(url, /ik-t=\d+/);
    assert.match(url, /ik-s=[0-9a-f]{40}/);
    await fetchImage(url, { width: 16, height: 12 });
    await fetchImage(url.replace('w-16', 'w-15'), { status: 401 });
  });

  spec('url() signed, query form with a chain (v6 signs tr=w-40%2Ch-30%3Art-90) -> 200', async () => {
    await uploaded();
    const url = ik.url({ path: `${root}/legacy.png`, transformation: [{ width: 40, height: 30 }, { rotation: 90 }], transformationPosition: 'query', signed: true });
    assert.match(url, /tr=w-40%2Ch-30%3Art-90/);
    await fetchImage(url, { width: 30, height: 40 });
  });

  spec('purgeCache + getPurgeCacheStatus', async () => {
    const up = await uploaded();
    const r = await legacyOk(ik.purgeCache(up.url), 'POST /v1/files/purge (legacy) -> 201 {requestId}');
    assert.equal(typeof r.requestId, 'string');
    const s = await legacyOk(ik.getPurgeCacheStatus(r.requestId), 'GET /v1/files/purge/{requestId} (legacy) -> 200');
    assert.ok(['Pending', 'Completed'].includes(s.status));
  });

  spec('deleteFile -> 204; details then 404; the URL 404', async () => {
    const u = await legacyOk(ik.upload({ file: png(6, 6, { seed: 11 }), fileName: 'gone.png', folder: root, useUniqueFileName: false }),
      'POST /api/v1/files/upload (legacy) -> 200');
    await legacyOk(ik.deleteFile(u.fileId), 'DELETE /v1/files/{fileId} (legacy) -> 204');
    await legacyFails(ik.getFileDetails(u.fileId), 404, 'GET /v1/files/{fileId}/details after delete (legacy)');
    await fetchImage(u.url, { status: 404 });
  });
});

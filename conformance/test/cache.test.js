// Cache purge through @imagekit/nodejs 7.11.0: cache.invalidation.create/get.

import { after } from 'node:test';
import { assert, connect, describe, eventually, fails, ok, once, spec, uniq } from '../lib/harness.js';
import { uploadPng } from '../lib/fixtures.js';
import { imageInfo } from '../lib/images.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('cache')}`;
const PURGE = 'POST /v1/files/purge';
const STATUS = 'GET /v1/files/purge/{requestId}';

const file = once(() => uploadPng(ik, { fileName: 'p.png', folder: root }, { w: 40, h: 20 }));

describe('cache.invalidation', () => {
  spec('create(url) -> 201 {requestId}; get(requestId) -> {status} until Completed', async () => {
    const u = await file();
    const r = await ok(ik.cache.invalidation.create({ url: u.url }), `${PURGE} -> 201 {requestId}`, { status: 201 });
    assert.equal(typeof r.requestId, 'string');
    const s = await eventually(() => ok(ik.cache.invalidation.get(r.requestId), `${STATUS} -> 200 {status}`),
      (x) => x.status === 'Completed', `purge ${r.requestId}`);
    assert.equal(s.status, 'Completed');
  });

  spec('a purged rendition is rendered again (same result)', async () => {
    const u = await file();
    const url = `${u.url}?tr=w-20`;
    const first = await px.get(url);
    assert.equal(first.status, 200);
    await ok(ik.cache.invalidation.create({ url }), `${PURGE} of a transformed URL -> 201`);
    const again = await px.get(url);
    assert.equal(again.status, 200);
    assert.deepEqual([imageInfo(again.body).width, imageInfo(again.body).height], [20, 10]);
  });

  spec('a wildcard URL (folder/*) -> 201', async () => {
    await ok(ik.cache.invalidation.create({ url: `${px.urlEndpoint}${root}/*` }), `${PURGE} with a trailing * -> 201`, { status: 201 });
  });

  spec('a URL outside the URL endpoint -> 400', async () => {
    await fails(ik.cache.invalidation.create({ url: 'https://example.com/x.png' }), 400, `${PURGE} for a foreign URL`);
  });

  spec('status of an unknown requestId -> 400 "No request found for this requestId."', async () => {
    const e = await fails(ik.cache.invalidation.get('000000000000000000000000'), 400, `${STATUS} for an unknown requestId`);
    assert.match(e.error.message, /no request found/i);
  });
});

// Delivery URLs built by @imagekit/nodejs 7.11.0 (client.helper.buildSrc), fetched from Pixkit:
// transformations in path and query form, signed URLs with and without expiry, private files.

import crypto from 'node:crypto';
import { after } from 'node:test';
import { assert, connect, describe, once, spec, uniq } from '../lib/harness.js';
import { uploadPng } from '../lib/fixtures.js';
import { imageInfo } from '../lib/images.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('urls')}`;
const ep = px.urlEndpoint;

const files = once(async () => ({
  pub: await uploadPng(ik, { fileName: 'src.png', folder: root }, { w: 64, h: 48, seed: 1 }),
  priv: await uploadPng(ik, { fileName: 'private.png', folder: root, isPrivateFile: true }, { w: 32, h: 32, seed: 2 }),
  draft: await uploadPng(ik, { fileName: 'draft.png', folder: root, isPublished: false }, { w: 8, h: 8, seed: 3 }),
}));

const src = (name) => `${root}/${name}`;

/** Fetches a URL and checks status, format and size of the image. */
async function fetchImage(url, { format, width, height, status = 200 } = {}) {
  const res = await px.get(url);
  assert.equal(res.status, status, `GET ${url} -> ${status}`);
  if (status !== 200) return res;
  const info = imageInfo(res.body);
  assert.ok(info, `GET ${url} returns an image (content-type ${res.headers.get('content-type')})`);
  if (format) {
    assert.equal(info.format, format, `GET ${url} returns ${format}`);
    assert.equal(res.headers.get('content-type'), `image/${format}`, `Content-Type is image/${format}`);
  }
  if (width !== undefined) assert.equal(info.width, width, `GET ${url}: width`);
  if (height !== undefined) assert.equal(info.height, height, `GET ${url}: height`);
  return { ...res, info };
}

describe('buildSrc: transformations, fetched', () => {
  spec('no transformation -> the original bytes', async () => {
    const { pub } = await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png') });
    assert.equal(url, `${ep}${root}/src.png`);
    const res = await fetchImage(url, { format: 'png', width: 64, height: 48 });
    assert.deepEqual(res.body, pub.bytes);
  });

  spec('path form: tr:w-32 -> 32x24 PNG', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformationPosition: 'path', transformation: [{ width: 32 }] });
    assert.equal(url, `${ep}/tr:w-32${root}/src.png`);
    await fetchImage(url, { format: 'png', width: 32, height: 24 });
  });

  spec('query form (the v7 default): ?tr=w-16,h-16,c-force -> 16x16', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 16, height: 16, crop: 'force' }] });
    assert.equal(url, `${ep}${root}/src.png?tr=w-16,h-16,c-force`);
    await fetchImage(url, { width: 16, height: 16 });
  });

  spec('chained steps (w-40,h-30:rt-90), path and query form -> 30x40', async () => {
    await files();
    const transformation = [{ width: 40, height: 30 }, { rotation: 90 }];
    for (const transformationPosition of ['path', 'query']) {
      const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformationPosition, transformation });
      assert.ok(url.includes('w-40,h-30:rt-90'), url);
      await fetchImage(url, { width: 30, height: 40 });
    }
  });

  for (const [format, expected] of [['webp', 'webp'], ['jpg', 'jpeg'], ['png', 'png'], ['avif', 'avif']]) {
    spec(`format ${format} (w-32,f-${format}) -> ${expected} 32x24`, async () => {
    await files();
      const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 32, format }] });
      await fetchImage(url, { format: expected, width: 32, height: 24 });
    });
  }

  spec('aspectRatio 1-1 with width 40 -> 40x40', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 40, aspectRatio: '1-1' }] });
    await fetchImage(url, { width: 40, height: 40 });
  });

  spec('crop at_max never enlarges: w-100,h-100,c-at_max -> 64x48', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 100, height: 100, crop: 'at_max' }] });
    await fetchImage(url, { width: 64, height: 48 });
  });

  spec('cropMode pad_resize with a background -> exactly 80x60', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 80, height: 60, cropMode: 'pad_resize', background: 'FF0000' }] });
    await fetchImage(url, { width: 80, height: 60 });
  });

  spec('dpr 2 doubles the size: w-20,dpr-2 -> 40x30', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 20, dpr: 2 }] });
    await fetchImage(url, { width: 40, height: 30 });
  });

  spec('named transformation (n-ik_ml_thumbnail) and raw (w-10)', async () => {
    await files();
    const named = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ named: 'ik_ml_thumbnail' }] });
    assert.ok(named.includes('n-ik_ml_thumbnail'), named);
    await fetchImage(named);
    const raw = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ raw: 'w-10' }] });
    await fetchImage(raw, { width: 10, height: 8 });
  });

  spec('extra queryParameters are kept next to tr', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), queryParameters: { v: '2' }, transformation: [{ width: 8 }] });
    assert.equal(url, `${ep}${root}/src.png?v=2&tr=w-8`);
    await fetchImage(url, { width: 8, height: 6 });
  });

  spec('a missing file -> 404', async () => {
    await files();
    await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('missing.png'), transformation: [{ width: 8 }] }), { status: 404 });
  });

  spec('an unpublished file is not delivered -> 404', async () => {
    await files();
    await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('draft.png') }), { status: 404 });
  });
});

describe('buildSrc: signed URLs and private files', () => {
  spec('signed without expiresIn: ?ik-s only -> 200 (query and path form)', async () => {
    await files();
    const q = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 32 }], signed: true });
    assert.match(q, /\?tr=w-32&ik-s=[0-9a-f]{40}$/);
    await fetchImage(q, { width: 32 });
    const p = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 32 }], transformationPosition: 'path', signed: true });
    assert.match(p, /\/tr:w-32\/.*\?ik-s=[0-9a-f]{40}$/);
    await fetchImage(p, { width: 32 });
  });

  spec('signed with expiresIn: ik-t and ik-s -> 200', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 16 }], signed: true, expiresIn: 3600 });
    assert.match(url, /&ik-t=\d+&ik-s=[0-9a-f]{40}$/);
    await fetchImage(url, { width: 16 });
  });

  spec('a tampered signature or transformation -> 401', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 16 }], signed: true });
    await fetchImage(url.replace(/ik-s=[0-9a-f]{4}/, 'ik-s=0000'), { status: 401 });
    await fetchImage(url.replace('w-16', 'w-17'), { status: 401 });
  });

  spec('an expired ik-t (correctly signed) -> 401', async () => {
    await files();
    const url = ik.helper.buildSrc({ urlEndpoint: ep, src: src('src.png'), transformation: [{ width: 16 }] });
    const past = Math.floor(Date.now() / 1000) - 60;
    // REFERENCE.md §2.4: HMAC-SHA1(privateKey, <url without the endpoint and "/"> + ik-t)
    const sig = crypto.createHmac('sha1', px.privateKey).update(url.slice(ep.length + 1) + past).digest('hex');
    await fetchImage(`${url}&ik-t=${past}&ik-s=${sig}`, { status: 401 });
  });

  spec('a private file: unsigned -> 401, signed -> 200, named transformation unsigned -> 200', async () => {
    const { priv } = await files();
    await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('private.png') }), { status: 401 });
    await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('private.png'), transformation: [{ width: 8 }] }), { status: 401 });
    const signed = await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('private.png'), signed: true }), { format: 'png', width: 32, height: 32 });
    assert.deepEqual(signed.body, priv.bytes);
    await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('private.png'), transformation: [{ width: 8 }], signed: true, expiresIn: 600 }), { width: 8, height: 8 });
    await fetchImage(ik.helper.buildSrc({ urlEndpoint: ep, src: src('private.png'), transformation: [{ named: 'ik_ml_thumbnail' }] }));
  });
});

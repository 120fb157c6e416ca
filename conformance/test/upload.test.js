// Upload API v1 and v2 through @imagekit/nodejs 7.11.0: files.upload and beta.v2.files.upload.
// Spec: POST /api/v1/files/upload (FileUploadV1 -> Upload), POST /api/v2/files/upload (FileUploadV2).

import http from 'node:http';
import { after, before } from 'node:test';
import { toFile } from '@imagekit/nodejs';
import { assert, assertFileDetails, assertUpload, connect, describe, fails, ok, once, spec, uniq } from '../lib/harness.js';
import { ensureCustomMetadataFields, pngUpload, uploadJwt, uploadPng } from '../lib/fixtures.js';
import { imageInfo, png } from '../lib/images.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('upload')}`;
const UPLOAD = 'POST /api/v1/files/upload';
const run = uniq('f').replace(/-/g, '_');
const BRAND = `brand_${run}`;
const PRICE = `price_${run}`;

const metadataFields = once(() => ensureCustomMetadataFields(ik, [
  { name: BRAND, label: `Brand ${run}`, schema: { type: 'Text' } },
  { name: PRICE, label: `Price ${run}`, schema: { type: 'Number', minValue: 0, maxValue: 10000 } },
]));

describe('files.upload: file sources', () => {
  let remote;
  let remoteUrl;
  const remoteBytes = png(24, 18, { seed: 7 });

  before(async () => {
    remote = http.createServer((req, res) => {
      if (req.url === '/img.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': remoteBytes.length });
        res.end(remoteBytes);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise((r) => remote.listen(0, '127.0.0.1', r));
    remoteUrl = `http://127.0.0.1:${remote.address().port}/img.png`;
  });
  after(() => new Promise((r) => remote.close(r)));

  spec('binary file (toFile) -> 200 Upload with name, path, size, dimensions, url and thumbnailUrl', async () => {
    const { file, bytes } = await pngUpload('binary.png', 40, 30);
    const u = await ok(ik.files.upload({ file, fileName: 'binary.png', folder: root, useUniqueFileName: false }),
      `${UPLOAD} (binary part) -> 200 Upload`);
    assertUpload(u);
    assert.equal(u.name, 'binary.png');
    assert.equal(u.filePath, `${root}/binary.png`);
    assert.equal(u.size, bytes.length, 'Upload.size is the byte count');
    assert.equal(u.fileType, 'image');
    assert.deepEqual([u.width, u.height], [40, 30], 'Upload.width/height are the image dimensions');
    assert.equal(u.url, `${px.urlEndpoint}${root}/binary.png`, 'Upload.url is <urlEndpoint><filePath>');
    assert.equal(u.versionInfo.name, 'Version 1');
    const got = await px.get(u.url);
    assert.equal(got.status, 200, 'the uploaded file is delivered at Upload.url');
    assert.deepEqual(got.body, bytes, 'delivered bytes equal the uploaded bytes');
    const thumb = await px.get(u.thumbnailUrl);
    assert.equal(thumb.status, 200, 'Upload.thumbnailUrl is delivered');
    assert.ok(imageInfo(thumb.body), 'the thumbnail is an image');
  });

  spec('base64 text field -> 200 Upload', async () => {
    const bytes = png(20, 10, { seed: 2 });
    const u = await ok(ik.files.upload({ file: bytes.toString('base64'), fileName: 'b64.png', folder: root, useUniqueFileName: false }),
      `${UPLOAD} (file = base64 text) -> 200 Upload`);
    assertUpload(u);
    assert.equal(u.size, bytes.length);
    assert.deepEqual([u.width, u.height], [20, 10]);
  });

  spec('data URI text field -> 200 Upload', async () => {
    const bytes = png(12, 16, { seed: 3 });
    const u = await ok(ik.files.upload({ file: `data:image/png;base64,${bytes.toString('base64')}`, fileName: 'datauri.png', folder: root, useUniqueFileName: false }),
      `${UPLOAD} (file = data URI) -> 200 Upload`);
    assert.equal(u.size, bytes.length);
    assert.deepEqual([u.width, u.height], [12, 16]);
  });

  spec('remote URL (fetched by the server from a loopback http server) -> 200 Upload', async () => {
    const u = await ok(ik.files.upload({ file: remoteUrl, fileName: 'remote.png', folder: root, useUniqueFileName: false }),
      `${UPLOAD} (file = http URL) -> 200 Upload`);
    assert.equal(u.size, remoteBytes.length);
    assert.deepEqual([u.width, u.height], [24, 18]);
    const got = await px.get(u.url);
    assert.deepEqual(got.body, remoteBytes, 'the fetched bytes are stored as is');
  });

  spec('a non-image file -> fileType "non-image"', async () => {
    const text = Buffer.from('hello pixkit\n');
    const u = await ok(ik.files.upload({ file: await toFile(text, 'notes.txt', { type: 'text/plain' }), fileName: 'notes.txt', folder: root, useUniqueFileName: false }),
      `${UPLOAD} (text file) -> 200 Upload`);
    assert.equal(u.fileType, 'non-image');
    assert.equal(u.size, text.length);
  });

  spec('missing file -> 400 "Your request is missing file parameter."', async () => {
    const e = await fails(ik.files.upload({ fileName: 'nofile.png', folder: root }), 400, `${UPLOAD} without file`);
    assert.match(e.error.message, /missing file parameter/i);
  });

  spec('missing fileName -> 400', async () => {
    const { file } = await pngUpload('x.png', 4, 4);
    await fails(ik.files.upload({ file, folder: root }), 400, `${UPLOAD} without fileName`);
  });
});

describe('files.upload: fields', () => {
  spec('useUniqueFileName default (true) -> a new unique name with the same extension', async () => {
    const { file } = await pngUpload('unique.png', 8, 8);
    const a = await ok(ik.files.upload({ file, fileName: 'unique.png', folder: root }), `${UPLOAD} useUniqueFileName default`);
    const { file: file2 } = await pngUpload('unique.png', 8, 8);
    const b = await ok(ik.files.upload({ file: file2, fileName: 'unique.png', folder: root }), `${UPLOAD} useUniqueFileName default`);
    for (const u of [a, b]) {
      assert.notEqual(u.name, 'unique.png', 'a unique suffix is added');
      assert.match(u.name, /^unique.*\.png$/, 'the unique name keeps the base name and extension');
    }
    assert.notEqual(a.fileId, b.fileId);
    assert.notEqual(a.filePath, b.filePath);
  });

  spec('folder is created with its ancestors; filePath = folder/fileName', async () => {
    const u = await uploadPng(ik, { fileName: 'deep.png', folder: `${root}/a/b/c` });
    assert.equal(u.filePath, `${root}/a/b/c/deep.png`);
  });

  spec('tags, customCoordinates, isPrivateFile, isPublished, customMetadata, description with responseFields', async () => {
    await metadataFields();
    const { file } = await pngUpload('fields.png', 30, 20);
    const u = await ok(ik.files.upload({
      file, fileName: 'fields.png', folder: root, useUniqueFileName: false,
      tags: ['t1', 't2'], customCoordinates: '1,2,10,8', isPrivateFile: true, isPublished: false,
      customMetadata: { [BRAND]: 'Nike', [PRICE]: 42 }, description: 'a test image',
      responseFields: ['tags', 'customCoordinates', 'isPrivateFile', 'isPublished', 'customMetadata'],
    }), `${UPLOAD} with every simple field -> 200 Upload echoing them`);
    assertUpload(u);
    assert.deepEqual(u.tags, ['t1', 't2'], 'Upload.tags');
    assert.equal(u.customCoordinates, '1,2,10,8', 'Upload.customCoordinates');
    assert.equal(u.isPrivateFile, true, 'Upload.isPrivateFile');
    assert.equal(u.isPublished, false, 'Upload.isPublished');
    assert.deepEqual(u.customMetadata, { [BRAND]: 'Nike', [PRICE]: 42 }, 'Upload.customMetadata');
    assert.equal(u.description, 'a test image', 'Upload.description');
    const f = await ok(ik.files.get(u.fileId), 'GET /v1/files/{fileId}/details -> 200 FileDetails');
    assertFileDetails(f);
    assert.deepEqual(f.tags, ['t1', 't2']);
    assert.equal(f.customCoordinates, '1,2,10,8');
    assert.equal(f.isPrivateFile, true);
    assert.equal(f.isPublished, false);
    assert.deepEqual(f.customMetadata, { [BRAND]: 'Nike', [PRICE]: 42 });
    assert.equal(f.description, 'a test image');
  });

  spec('defaults: isPrivateFile false, isPublished true, tags null, customCoordinates null', async () => {
    const u = await uploadPng(ik, { fileName: 'defaults.png', folder: root, responseFields: ['tags', 'customCoordinates', 'isPrivateFile', 'isPublished'] });
    assert.equal(u.isPrivateFile, false);
    assert.equal(u.isPublished, true);
    assert.equal(u.tags, null);
    assert.equal(u.customCoordinates, null);
  });

  spec('responseFields metadata and embeddedMetadata -> Upload.metadata (width, height, format) and embeddedMetadata', async () => {
    const u = await uploadPng(ik, { fileName: 'meta.png', folder: root, responseFields: ['metadata', 'embeddedMetadata'] }, { w: 33, h: 22 });
    assert.ok(u.metadata && typeof u.metadata === 'object', 'Upload.metadata is present when requested');
    assert.equal(u.metadata.width, 33);
    assert.equal(u.metadata.height, 22);
    assert.equal(u.metadata.format, 'png');
    assert.ok(u.embeddedMetadata && typeof u.embeddedMetadata === 'object', 'Upload.embeddedMetadata is present when requested');
  });

  spec('overwrite (default overwriteFile) -> same fileId, "Version 2", new content', async () => {
    const a = await uploadPng(ik, { fileName: 'over.png', folder: root }, { w: 10, h: 10, seed: 1 });
    const b = await uploadPng(ik, { fileName: 'over.png', folder: root }, { w: 12, h: 6, seed: 2 });
    assert.equal(b.fileId, a.fileId, 'overwriting keeps the fileId');
    assert.equal(b.versionInfo.name, 'Version 2');
    assert.notEqual(b.versionInfo.id, a.versionInfo.id);
    assert.deepEqual([b.width, b.height], [12, 6]);
    const got = await px.get(b.url);
    assert.deepEqual(got.body, b.bytes, 'the URL now serves the new content');
  });

  spec('overwriteFile=false with useUniqueFileName=false on an existing path -> 400, nothing changes', async () => {
    const a = await uploadPng(ik, { fileName: 'keep.png', folder: root }, { seed: 5 });
    const { file } = await pngUpload('keep.png', 9, 9, { seed: 6 });
    const e = await fails(ik.files.upload({ file, fileName: 'keep.png', folder: root, useUniqueFileName: false, overwriteFile: false }),
      400, `${UPLOAD} overwriteFile=false on an existing file`);
    assert.match(e.error.message, /already exists/i);
    const got = await px.get(a.url);
    assert.deepEqual(got.body, a.bytes, 'the existing file is unchanged');
  });

  spec('overwriteTags / overwriteCustomMetadata / overwriteAITags: false keeps, default removes', async () => {
    await metadataFields();
    const fields = ['tags', 'customMetadata'];
    await uploadPng(ik, { fileName: 'ow.png', folder: root, tags: ['keep'], customMetadata: { [BRAND]: 'Acme' } });
    const kept = await uploadPng(ik, { fileName: 'ow.png', folder: root, overwriteTags: false, overwriteCustomMetadata: false, overwriteAITags: false, responseFields: fields }, { seed: 3 });
    assert.deepEqual(kept.tags, ['keep'], 'overwriteTags=false keeps the tags when none are sent');
    assert.deepEqual(kept.customMetadata, { [BRAND]: 'Acme' }, 'overwriteCustomMetadata=false keeps customMetadata');
    const removed = await uploadPng(ik, { fileName: 'ow.png', folder: root, responseFields: fields }, { seed: 4 });
    assert.equal(removed.tags, null, 'overwriteTags default (true) removes the tags when none are sent');
    assert.deepEqual(removed.customMetadata ?? {}, {}, 'overwriteCustomMetadata default removes customMetadata');
  });

  spec('invalid customCoordinates -> 400', async () => {
    const { file } = await pngUpload('badcc.png', 4, 4);
    await fails(ik.files.upload({ file, fileName: 'badcc.png', folder: root, customCoordinates: 'a,b' }), 400, `${UPLOAD} customCoordinates "a,b"`);
  });
});

describe('files.upload: client-side (publicKey + signature/expire/token, no Authorization)', () => {
  const noAuth = { headers: { Authorization: null } };

  spec('valid getAuthenticationParameters() -> 200', async () => {
    const { file } = await pngUpload('client.png', 8, 8);
    const auth = ik.helper.getAuthenticationParameters();
    const u = await ok(ik.files.upload({ file, fileName: 'client.png', folder: root, publicKey: px.publicKey, ...auth }, noAuth),
      `${UPLOAD} client-side signature -> 200 Upload`);
    assertUpload(u);
  });

  spec('replayed token -> 400', async () => {
    const auth = ik.helper.getAuthenticationParameters();
    const first = await pngUpload('replay.png', 8, 8);
    await ok(ik.files.upload({ file: first.file, fileName: 'replay.png', folder: root, publicKey: px.publicKey, ...auth }, noAuth),
      `${UPLOAD} client-side, first use of the token -> 200`);
    const second = await pngUpload('replay.png', 8, 8);
    await fails(ik.files.upload({ file: second.file, fileName: 'replay.png', folder: root, publicKey: px.publicKey, ...auth }, noAuth),
      400, `${UPLOAD} client-side, token used twice`);
  });

  spec('expired expire -> 400', async () => {
    const { file } = await pngUpload('expired.png', 8, 8);
    const auth = ik.helper.getAuthenticationParameters(undefined, Math.floor(Date.now() / 1000) - 60);
    const e = await fails(ik.files.upload({ file, fileName: 'expired.png', folder: root, publicKey: px.publicKey, ...auth }, noAuth),
      400, `${UPLOAD} client-side, expire in the past`);
    assert.match(e.error.message, /expire/i);
  });

  spec('expire more than 1 hour ahead -> 400', async () => {
    const { file } = await pngUpload('far.png', 8, 8);
    const auth = ik.helper.getAuthenticationParameters(undefined, Math.floor(Date.now() / 1000) + 7200);
    await fails(ik.files.upload({ file, fileName: 'far.png', folder: root, publicKey: px.publicKey, ...auth }, noAuth),
      400, `${UPLOAD} client-side, expire 2 h ahead`);
  });

  spec('wrong signature -> 400', async () => {
    const { file } = await pngUpload('badsig.png', 8, 8);
    const auth = { ...ik.helper.getAuthenticationParameters(), signature: '0'.repeat(40) };
    await fails(ik.files.upload({ file, fileName: 'badsig.png', folder: root, publicKey: px.publicKey, ...auth }, noAuth),
      400, `${UPLOAD} client-side, wrong signature`);
  });

  spec('signature together with Basic auth -> 400', async () => {
    const { file } = await pngUpload('both.png', 8, 8);
    const e = await fails(ik.files.upload({ file, fileName: 'both.png', folder: root, publicKey: px.publicKey, ...ik.helper.getAuthenticationParameters() }),
      400, `${UPLOAD} with both signature and Basic auth`);
    assert.match(e.error.message, /both signature and basic auth/i);
  });

  spec('no key at all -> 401; wrong private key -> 403', async () => {
    const a = await pngUpload('nokey.png', 8, 8);
    const e401 = await fails(ik.files.upload({ file: a.file, fileName: 'nokey.png', folder: root }, noAuth), 401, `${UPLOAD} without credentials`);
    assert.equal(e401.error.message, 'Your request does not contain private API key.');
    const b = await pngUpload('badkey.png', 8, 8);
    const e403 = await fails(px.client({ privateKey: 'private_wrong_key' }).files.upload({ file: b.file, fileName: 'badkey.png', folder: root }),
      403, `${UPLOAD} with a wrong private key`);
    assert.equal(e403.error.message, 'Your account cannot be authenticated.');
  });
});

describe('beta.v2.files.upload (JWT token)', () => {
  const noAuth = { headers: { Authorization: null } };
  const V2 = 'POST /api/v2/files/upload';
  const keys = () => ({ privateKey: px.privateKey, publicKey: px.publicKey });

  spec('client-side JWT (HS256, kid = public key, stringified fields) -> 200 Upload', async () => {
    const fields = { fileName: 'v2.png', folder: `${root}/v2`, useUniqueFileName: false, tags: ['v2a', 'v2b'], responseFields: ['tags'] };
    const { file } = await pngUpload('v2.png', 14, 7);
    const u = await ok(ik.beta.v2.files.upload({ file, ...fields, token: uploadJwt(fields, keys()) }, noAuth), `${V2} with a valid JWT -> 200 Upload`);
    assertUpload(u);
    assert.equal(u.filePath, `${root}/v2/v2.png`);
    assert.deepEqual(u.tags, ['v2a', 'v2b']);
    assert.deepEqual([u.width, u.height], [14, 7]);
  });

  spec('fields that differ from the JWT payload -> 400', async () => {
    const signed = { fileName: 'v2-signed.png', folder: `${root}/v2` };
    const { file } = await pngUpload('v2-other.png', 4, 4);
    await fails(ik.beta.v2.files.upload({ file, fileName: 'v2-other.png', folder: `${root}/v2`, token: uploadJwt(signed, keys()) }, noAuth),
      400, `${V2} with fields not matching the token`);
  });

  spec('replayed JWT -> 400', async () => {
    const fields = { fileName: 'v2-replay.png', folder: `${root}/v2` };
    const token = uploadJwt(fields, keys());
    const a = await pngUpload('v2-replay.png', 4, 4);
    await ok(ik.beta.v2.files.upload({ file: a.file, ...fields, token }, noAuth), `${V2} first use of the token -> 200`);
    const b = await pngUpload('v2-replay.png', 4, 4);
    await fails(ik.beta.v2.files.upload({ file: b.file, ...fields, token }, noAuth), 400, `${V2} token used twice`);
  });

  spec('expired JWT -> 400; JWT signed with another key -> 400', async () => {
    const fields = { fileName: 'v2-exp.png', folder: `${root}/v2` };
    const a = await pngUpload('v2-exp.png', 4, 4);
    const old = Math.floor(Date.now() / 1000) - 7200;
    await fails(ik.beta.v2.files.upload({ file: a.file, ...fields, token: uploadJwt(fields, { ...keys(), iat: old, ttl: 600 }) }, noAuth),
      400, `${V2} with an expired token`);
    const b = await pngUpload('v2-exp.png', 4, 4);
    await fails(ik.beta.v2.files.upload({ file: b.file, ...fields, token: uploadJwt(fields, { ...keys(), privateKey: 'private_other' }) }, noAuth),
      400, `${V2} with a token signed by another key`);
  });

  spec('server-side v2 with Basic auth and no token -> 200', async () => {
    const { file } = await pngUpload('v2-basic.png', 5, 5);
    const u = await ok(ik.beta.v2.files.upload({ file, fileName: 'v2-basic.png', folder: `${root}/v2`, useUniqueFileName: false }),
      `${V2} with Basic auth -> 200 Upload`);
    assertUpload(u);
  });
});

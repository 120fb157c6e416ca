// File management through @imagekit/nodejs 7.11.0: files.get/update/delete, files.bulk.*,
// files.copy/move/rename, files.versions.*, files.metadata.*.

import { after } from 'node:test';
import { NotFoundError } from '@imagekit/nodejs';
import { assert, assertErrorBody, assertFileDetails, connect, describe, fails, isNoRoute, ok, once, spec, uniq } from '../lib/harness.js';
import { ensureCustomMetadataFields, uploadPng } from '../lib/fixtures.js';
import { imageInfo } from '../lib/images.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('files')}`;
const DETAILS = 'GET /v1/files/{fileId}/details';
const UPDATE = 'PATCH /v1/files/{fileId}/details';
const run = uniq('f').replace(/-/g, '_');
const BRAND = `brand_${run}`;

const metadataFields = once(() => ensureCustomMetadataFields(ik, [{ name: BRAND, label: `Brand ${run}`, schema: { type: 'Text' } }]));

/** The delivery status of a file path (200 when it is served, 404 when there is nothing there). */
async function deliveryStatus(filePath) {
  return (await px.get(`${px.urlEndpoint}${filePath}`)).status;
}

describe('files.get', () => {
  spec('returns the FileDetails object of an uploaded file', async () => {
    const u = await uploadPng(ik, { fileName: 'get.png', folder: `${root}/get`, tags: ['a'] }, { w: 21, h: 13 });
    const f = await ok(ik.files.get(u.fileId), `${DETAILS} -> 200 FileDetails`);
    assertFileDetails(f);
    assert.equal(f.fileId, u.fileId);
    assert.equal(f.name, 'get.png');
    assert.equal(f.filePath, `${root}/get/get.png`);
    assert.equal(f.mime, 'image/png');
    assert.deepEqual([f.width, f.height], [21, 13]);
    assert.equal(f.size, u.bytes.length);
    assert.deepEqual(f.tags, ['a']);
    assert.equal(f.hasAlpha, false);
    assert.equal(f.versionInfo.id, u.versionInfo.id);
    assert.ok(f.url.startsWith(`${px.urlEndpoint}${root}/get/get.png`), 'FileDetails.url points at the file');
  });

  spec('hasAlpha is true for an image with an alpha channel', async () => {
    const u = await uploadPng(ik, { fileName: 'alpha.png', folder: `${root}/get` }, { alpha: true });
    const f = await ok(ik.files.get(u.fileId), `${DETAILS} -> 200 FileDetails`);
    assert.equal(f.hasAlpha, true);
  });

  spec('unknown fileId -> 404 NotFoundError with .error.message', async () => {
    const e = await fails(ik.files.get('000000000000000000000000'), 404, `${DETAILS} for an unknown fileId`);
    assert.ok(e instanceof NotFoundError, 'the SDK throws NotFoundError');
    assert.equal(e.error.message, 'The requested file does not exist.');
    assertErrorBody(e.error, 404);
  });
});

describe('files.update', () => {
  const file = once(async () => (await uploadPng(ik, { fileName: 'upd.png', folder: `${root}/upd`, tags: ['old'] })).fileId);

  spec('tags: replace, then null unsets', async () => {
    const id = await file();
    const f = await ok(ik.files.update(id, { tags: ['x', 'y'] }), `${UPDATE} {tags} -> 200 FileDetails`);
    assertFileDetails(f);
    assert.deepEqual(f.tags, ['x', 'y']);
    assert.deepEqual((await ok(ik.files.get(id), DETAILS)).tags, ['x', 'y'], 'the change is stored');
    const g = await ok(ik.files.update(id, { tags: null }), `${UPDATE} {tags: null} -> 200`);
    assert.equal(g.tags, null, 'tags: null unsets the tags');
  });

  spec('customCoordinates: set, then null unsets', async () => {
    const id = await file();
    const f = await ok(ik.files.update(id, { customCoordinates: '5,5,10,10' }), `${UPDATE} {customCoordinates} -> 200`);
    assert.equal(f.customCoordinates, '5,5,10,10');
    const g = await ok(ik.files.update(id, { customCoordinates: null }), `${UPDATE} {customCoordinates: null} -> 200`);
    assert.equal(g.customCoordinates, null);
  });

  spec('customMetadata: set, then a null value unsets the key', async () => {
    await metadataFields();
    const id = await file();
    const f = await ok(ik.files.update(id, { customMetadata: { [BRAND]: 'Acme' } }), `${UPDATE} {customMetadata} -> 200`);
    assert.deepEqual(f.customMetadata, { [BRAND]: 'Acme' });
    const g = await ok(ik.files.update(id, { customMetadata: { [BRAND]: null } }), `${UPDATE} {customMetadata: {key: null}} -> 200`);
    assert.deepEqual(g.customMetadata ?? {}, {}, 'a null value removes the key');
  });

  spec('description', async () => {
    const id = await file();
    const f = await ok(ik.files.update(id, { description: 'described' }), `${UPDATE} {description} -> 200`);
    assert.equal(f.description, 'described');
  });

  spec('removeAITags: "all" and a list are accepted', async () => {
    const id = await file();
    const f = await ok(ik.files.update(id, { removeAITags: 'all' }), `${UPDATE} {removeAITags: "all"} -> 200`);
    assert.ok(f.AITags === null || (Array.isArray(f.AITags) && f.AITags.length === 0), 'no AITags remain');
    await ok(ik.files.update(id, { removeAITags: ['car', 'vehicle'] }), `${UPDATE} {removeAITags: [..]} -> 200`);
  });

  spec('publish: {isPublished: false} unpublishes, true publishes again', async () => {
    const id = await file();
    const f = await ok(ik.files.update(id, { publish: { isPublished: false } }), `${UPDATE} {publish: {isPublished: false}} -> 200`);
    assert.equal(f.isPublished, false);
    const g = await ok(ik.files.update(id, { publish: { isPublished: true, includeFileVersions: true } }), `${UPDATE} {publish: {isPublished: true}} -> 200`);
    assert.equal(g.isPublished, true);
  });

  spec('invalid customCoordinates -> 400; unknown fileId -> 404', async () => {
    const id = await file();
    await fails(ik.files.update(id, { customCoordinates: 'not,coordinates' }), 400, `${UPDATE} with invalid customCoordinates`);
    await fails(ik.files.update('000000000000000000000000', { tags: ['x'] }), 404, `${UPDATE} for an unknown fileId`);
  });
});

describe('files.delete', () => {
  spec('204 (null); then details 404 and the URL 404; a second delete 404', async () => {
    const u = await uploadPng(ik, { fileName: 'del.png', folder: `${root}/del` });
    const r = await ok(ik.files.delete(u.fileId), 'DELETE /v1/files/{fileId} -> 204', { status: 204 });
    assert.equal(r, null, 'the SDK resolves a 204 to null');
    await fails(ik.files.get(u.fileId), 404, `${DETAILS} after delete`);
    assert.equal(await deliveryStatus(u.filePath), 404, 'the deleted file is no longer delivered');
    await fails(ik.files.delete(u.fileId), 404, 'DELETE /v1/files/{fileId} for a deleted file');
  });
});

describe('files.bulk', () => {
  const folder = `${root}/bulk`;
  const MISSING = '0000000000000000000000aa';
  let seq = 0;
  const fresh = async (tags) => (await uploadPng(ik, { fileName: `b${seq++}.png`, folder, tags }, { seed: seq })).fileId;

  spec('delete: all found -> 200 successfullyDeletedFileIds', async () => {
    const ids = [await fresh(), await fresh()];
    const r = await ok(ik.files.bulk.delete({ fileIds: ids }), 'POST /v1/files/batch/deleteByFileIds -> 200', { status: 200 });
    assert.deepEqual([...r.successfullyDeletedFileIds].sort(), [...ids].sort());
    for (const id of ids) await fails(ik.files.get(id), 404, `${DETAILS} after bulk delete`);
  });

  spec('delete: none found -> 404 with missingFileIds', async () => {
    const e = await fails(ik.files.bulk.delete({ fileIds: [MISSING] }), 404, 'POST /v1/files/batch/deleteByFileIds with unknown ids');
    assert.deepEqual(e.error.missingFileIds, [MISSING]);
  });

  spec('delete: some found -> 404 missingFileIds (nothing deleted) or 207 partial (found ones deleted, errors for the rest)', async () => {
    const id = await fresh();
    let res;
    try {
      res = await ik.files.bulk.delete({ fileIds: [id, MISSING] }).withResponse();
    } catch (e) {
      // anything but the endpoint's own 404 is reported as a failed call (with the exchange)
      if (e.status !== 404 || isNoRoute(e)) await ok(Promise.reject(e), 'POST /v1/files/batch/deleteByFileIds -> 207, or 404 {missingFileIds}');
      assert.deepEqual(e.error.missingFileIds, [MISSING], '404 lists exactly the missing ids');
      await ok(ik.files.get(id), `${DETAILS}: a 404 batch deletes nothing`);
      return;
    }
    assert.equal(res.response.status, 207, 'a partial success is 207');
    assert.deepEqual(res.data.successfullyDeletedFileIds, [id]);
    assert.ok(Array.isArray(res.data.errors) && res.data.errors.some((x) => x.fileId === MISSING), '207 errors name the missing id');
    await fails(ik.files.get(id), 404, `${DETAILS}: the found file was deleted`);
  });

  spec('delete: empty fileIds -> 400', async () => {
    await fails(ik.files.bulk.delete({ fileIds: [] }), 400, 'POST /v1/files/batch/deleteByFileIds with fileIds []');
  });

  spec('addTags / removeTags -> 200 successfullyUpdatedFileIds; tags merged and removed', async () => {
    const a = await fresh(['keep']);
    const b = await fresh();
    const r = await ok(ik.files.bulk.addTags({ fileIds: [a, b], tags: ['n1', 'n2', 'keep'] }), 'POST /v1/files/addTags -> 200');
    assert.deepEqual([...r.successfullyUpdatedFileIds].sort(), [a, b].sort());
    assert.deepEqual([...(await ok(ik.files.get(a), DETAILS)).tags].sort(), ['keep', 'n1', 'n2'], 'added tags are merged, no duplicates');
    assert.deepEqual([...(await ok(ik.files.get(b), DETAILS)).tags].sort(), ['keep', 'n1', 'n2']);
    const s = await ok(ik.files.bulk.removeTags({ fileIds: [a, b], tags: ['n1', 'keep'] }), 'POST /v1/files/removeTags -> 200');
    assert.deepEqual([...s.successfullyUpdatedFileIds].sort(), [a, b].sort());
    assert.deepEqual((await ok(ik.files.get(a), DETAILS)).tags, ['n2']);
  });

  spec('removeAITags -> 200 successfullyUpdatedFileIds', async () => {
    const a = await fresh();
    const r = await ok(ik.files.bulk.removeAITags({ fileIds: [a], AITags: ['car'] }), 'POST /v1/files/removeAITags -> 200');
    assert.deepEqual(r.successfullyUpdatedFileIds, [a]);
  });

  spec('addTags / removeTags / removeAITags with an unknown id -> 404 missingFileIds', async () => {
    const e1 = await fails(ik.files.bulk.addTags({ fileIds: [MISSING], tags: ['x'] }), 404, 'POST /v1/files/addTags with an unknown id');
    assert.deepEqual(e1.error.missingFileIds, [MISSING]);
    const e2 = await fails(ik.files.bulk.removeTags({ fileIds: [MISSING], tags: ['x'] }), 404, 'POST /v1/files/removeTags with an unknown id');
    assert.deepEqual(e2.error.missingFileIds, [MISSING]);
    const e3 = await fails(ik.files.bulk.removeAITags({ fileIds: [MISSING], AITags: ['x'] }), 404, 'POST /v1/files/removeAITags with an unknown id');
    assert.deepEqual(e3.error.missingFileIds, [MISSING]);
  });
});

describe('files.copy / files.move / files.rename', () => {
  const folder = `${root}/cmr`;

  spec('copy -> 204; the copy is served at the destination, the source stays', async () => {
    const u = await uploadPng(ik, { fileName: 'copy.png', folder }, { seed: 11 });
    await ok(ik.files.copy({ sourceFilePath: u.filePath, destinationPath: `${folder}/copied` }), 'POST /v1/files/copy -> 204', { status: 204 });
    const got = await px.get(`${px.urlEndpoint}${folder}/copied/copy.png`);
    assert.equal(got.status, 200, 'the copy is delivered');
    assert.deepEqual(got.body, u.bytes, 'the copy has the same bytes');
    assert.equal(await deliveryStatus(u.filePath), 200, 'the source is still delivered');
  });

  spec('copy with includeFileVersions -> 204', async () => {
    await uploadPng(ik, { fileName: 'copyv.png', folder }, { seed: 1 });
    const u = await uploadPng(ik, { fileName: 'copyv.png', folder }, { seed: 2 });
    await ok(ik.files.copy({ sourceFilePath: u.filePath, destinationPath: `${folder}/copiedv`, includeFileVersions: true }),
      'POST /v1/files/copy {includeFileVersions: true} -> 204');
    assert.equal(await deliveryStatus(`${folder}/copiedv/copyv.png`), 200);
  });

  spec('copy of a missing file -> 404', async () => {
    await fails(ik.files.copy({ sourceFilePath: `${folder}/nope.png`, destinationPath: `${folder}/x` }), 404, 'POST /v1/files/copy of a missing file');
  });

  spec('move -> 204; served at the destination, gone from the source', async () => {
    const u = await uploadPng(ik, { fileName: 'move.png', folder }, { seed: 12 });
    await ok(ik.files.move({ sourceFilePath: u.filePath, destinationPath: `${folder}/moved` }), 'POST /v1/files/move -> 204', { status: 204 });
    const got = await px.get(`${px.urlEndpoint}${folder}/moved/move.png`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, u.bytes);
    assert.equal(await deliveryStatus(u.filePath), 404, 'the old path is gone');
  });

  spec('move of a missing file -> 404', async () => {
    await fails(ik.files.move({ sourceFilePath: `${folder}/nope.png`, destinationPath: `${folder}/x` }), 404, 'POST /v1/files/move of a missing file');
  });

  spec('rename -> 200 {}; details and URL follow the new name', async () => {
    const u = await uploadPng(ik, { fileName: 'ren.png', folder }, { seed: 13 });
    const r = await ok(ik.files.rename({ filePath: u.filePath, newFileName: 'renamed.png' }), 'PUT /v1/files/rename -> 200 {}', { status: 200 });
    assert.equal(r.purgeRequestId, undefined, 'no purgeRequestId without purgeCache');
    const f = await ok(ik.files.get(u.fileId), DETAILS);
    assert.equal(f.name, 'renamed.png');
    assert.equal(f.filePath, `${folder}/renamed.png`);
    assert.equal(await deliveryStatus(`${folder}/renamed.png`), 200);
    assert.equal(await deliveryStatus(u.filePath), 404, 'the old URL stops working');
  });

  spec('rename onto an existing name -> 409', async () => {
    const a = await uploadPng(ik, { fileName: 'ren-a.png', folder }, { seed: 14 });
    await uploadPng(ik, { fileName: 'ren-b.png', folder }, { seed: 15 });
    await fails(ik.files.rename({ filePath: a.filePath, newFileName: 'ren-b.png' }), 409, 'PUT /v1/files/rename onto an existing file');
  });

  spec('rename with purgeCache -> purgeRequestId, whose status can be read', async () => {
    const u = await uploadPng(ik, { fileName: 'ren-p.png', folder }, { seed: 16 });
    const r = await ok(ik.files.rename({ filePath: u.filePath, newFileName: 'ren-p2.png', purgeCache: true }), 'PUT /v1/files/rename {purgeCache: true} -> 200 {purgeRequestId}');
    assert.equal(typeof r.purgeRequestId, 'string');
    const s = await ok(ik.cache.invalidation.get(r.purgeRequestId), 'GET /v1/files/purge/{requestId} -> 200 {status}');
    assert.ok(['Pending', 'Completed'].includes(s.status));
  });

  spec('rename of a missing file -> 404', async () => {
    await fails(ik.files.rename({ filePath: `${folder}/nope.png`, newFileName: 'x.png' }), 404, 'PUT /v1/files/rename of a missing file');
  });
});

describe('files.versions', () => {
  const folder = `${root}/ver`;
  const versions = once(async () => [
    await uploadPng(ik, { fileName: 'v.png', folder }, { w: 10, h: 10, seed: 1 }),
    await uploadPng(ik, { fileName: 'v.png', folder }, { w: 20, h: 10, seed: 2 }),
    await uploadPng(ik, { fileName: 'v.png', folder }, { w: 30, h: 10, seed: 3 }),
  ]);

  spec('list -> every version; the current one is type "file", older ones "file-version"', async () => {
    const [v1, v2, v3] = await versions();
    const list = await ok(ik.files.versions.list(v1.fileId), 'GET /v1/files/{fileId}/versions -> 200 FileDetails[]');
    assert.equal(list.length, 3);
    for (const f of list) assertFileDetails(f, { type: f.versionInfo.id === v3.versionInfo.id ? 'file' : 'file-version' });
    assert.deepEqual(list.map((f) => f.versionInfo.id).sort(), [v1, v2, v3].map((v) => v.versionInfo.id).sort());
    assert.deepEqual(list.map((f) => f.width).sort((a, b) => a - b), [10, 20, 30], 'each version keeps its own dimensions');
  });

  spec('get -> the version\'s FileDetails; unknown version -> 404', async () => {
    const [v1] = await versions();
    const f = await ok(ik.files.versions.get(v1.versionInfo.id, { fileId: v1.fileId }), 'GET /v1/files/{fileId}/versions/{versionId} -> 200 FileDetails');
    assertFileDetails(f, { type: 'file-version' });
    assert.equal(f.width, 10);
    assert.equal(f.versionInfo.name, 'Version 1');
    await fails(ik.files.versions.get('000000000000000000000000', { fileId: v1.fileId }), 404, 'GET /v1/files/{fileId}/versions/{versionId} for an unknown version');
  });

  spec('delete a non-current version -> 204; the current one -> 400', async () => {
    const [v1, v2, v3] = await versions();
    await ok(ik.files.versions.delete(v2.versionInfo.id, { fileId: v1.fileId }), 'DELETE /v1/files/{fileId}/versions/{versionId} -> 204', { status: 204 });
    const list = await ok(ik.files.versions.list(v1.fileId), 'GET /v1/files/{fileId}/versions');
    assert.deepEqual(list.map((f) => f.versionInfo.id).sort(), [v1.versionInfo.id, v3.versionInfo.id].sort());
    const e = await fails(ik.files.versions.delete(v3.versionInfo.id, { fileId: v1.fileId }), 400, 'DELETE of the current version');
    assert.match(e.error.message, /current version/i);
  });

  spec('restore an old version -> 200 FileDetails; it becomes current and is delivered', async () => {
    const [v1] = await versions();
    const f = await ok(ik.files.versions.restore(v1.versionInfo.id, { fileId: v1.fileId }), 'PUT /v1/files/{fileId}/versions/{versionId}/restore -> 200 FileDetails');
    assertFileDetails(f);
    assert.equal(f.width, 10, 'the restored version\'s content is current');
    const got = await px.get(`${px.urlEndpoint}${folder}/v.png`);
    assert.equal(got.status, 200);
    assert.deepEqual(imageInfo(got.body) && [imageInfo(got.body).width, imageInfo(got.body).height], [10, 10]);
    assert.deepEqual(got.body, v1.bytes);
  });

  spec('versions of an unknown file -> 404', async () => {
    await fails(ik.files.versions.list('000000000000000000000000'), 404, 'GET /v1/files/{fileId}/versions for an unknown file');
  });
});

describe('files.metadata', () => {
  const folder = `${root}/meta`;
  const files = once(async () => ({
    u: await uploadPng(ik, { fileName: 'm.png', folder }, { w: 64, h: 48 }),
    alpha: await uploadPng(ik, { fileName: 'ma.png', folder }, { w: 8, h: 8, alpha: true }),
  }));

  spec('get(fileId) -> Metadata {width, height, size, format, hasTransparency, ...}', async () => {
    const { u, alpha } = await files();
    const m = await ok(ik.files.metadata.get(u.fileId), 'GET /v1/files/{fileId}/metadata -> 200 Metadata');
    assert.equal(m.width, 64);
    assert.equal(m.height, 48);
    assert.equal(m.size, u.bytes.length);
    assert.equal(m.format, 'png');
    assert.equal(m.hasTransparency, false);
    assert.equal(typeof m.hasColorProfile, 'boolean');
    const a = await ok(ik.files.metadata.get(alpha.fileId), 'GET /v1/files/{fileId}/metadata -> 200 Metadata');
    assert.equal(a.hasTransparency, true);
  });

  spec('get(unknown fileId) -> 404', async () => {
    await fails(ik.files.metadata.get('000000000000000000000000'), 404, 'GET /v1/files/{fileId}/metadata for an unknown file');
  });

  spec('getFromURL(file URL) -> the same Metadata', async () => {
    const { u } = await files();
    const m = await ok(ik.files.metadata.getFromURL({ url: u.url }), 'GET /v1/metadata?url=<file url> -> 200 Metadata');
    assert.equal(m.width, 64);
    assert.equal(m.height, 48);
    assert.equal(m.format, 'png');
  });

  spec('getFromURL(transformed URL) -> Metadata of the rendition', async () => {
    const { u } = await files();
    const m = await ok(ik.files.metadata.getFromURL({ url: `${u.url}?tr=w-32` }), 'GET /v1/metadata?url=<url with tr=w-32> -> 200 Metadata');
    assert.equal(m.width, 32);
    assert.equal(m.height, 24);
  });

  spec('getFromURL(a URL outside the URL endpoint) -> 400', async () => {
    await fails(ik.files.metadata.getFromURL({ url: 'https://example.com/elsewhere.png' }), 400, 'GET /v1/metadata for a foreign URL');
  });
});


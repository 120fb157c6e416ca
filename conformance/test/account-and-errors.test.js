// accounts.usage.get, and the error contract every API call shares (spec components/responses and
// REFERENCE.md §1.2-1.3): 401 without a key, 403 with a wrong key, 404 NotFoundError, x-ik-requestId.

import { after } from 'node:test';
import { AuthenticationError, NotFoundError, PermissionDeniedError } from '@imagekit/nodejs';
import { assert, assertErrorBody, connect, describe, fails, ok, once, spec, uniq } from '../lib/harness.js';
import { uploadPng } from '../lib/fixtures.js';

const px = await connect();
after(() => px.close());
const ik = px.client();
const root = `/${uniq('errors')}`;
const USAGE = 'GET /v1/accounts/usage';

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('accounts.usage.get', () => {
  spec('startDate..endDate -> 200 with the five usage counters', async () => {
    const u = await ok(ik.accounts.usage.get({ startDate: day(-30), endDate: day(1) }), `${USAGE} -> 200`);
    for (const k of ['bandwidthBytes', 'mediaLibraryStorageBytes', 'videoProcessingUnitsCount', 'extensionUnitsCount', 'originalCacheStorageBytes']) {
      assert.ok(Number.isInteger(u[k]) && u[k] >= 0, `usage.${k} is a non-negative integer`);
    }
  });

  spec('dates 90 or more days apart, in the wrong order or malformed -> 400', async () => {
    await fails(ik.accounts.usage.get({ startDate: day(-120), endDate: day(0) }), 400, `${USAGE} over 120 days`);
    await fails(ik.accounts.usage.get({ startDate: day(0), endDate: day(-5) }), 400, `${USAGE} with startDate after endDate`);
    await fails(ik.accounts.usage.get({ startDate: '2024/01/01', endDate: '2024/01/31' }), 400, `${USAGE} with dates not in YYYY-MM-DD`);
  });
});

describe('errors shared by every API', () => {
  const file = once(async () => (await uploadPng(ik, { fileName: 'e.png', folder: root })).fileId);
  const noAuth = { headers: { Authorization: null } };

  spec('no Authorization -> 401 AuthenticationError "Your request does not contain private API key."', async () => {
    const fileId = await file();
    for (const [what, call] of [
      ['GET /v1/files/{fileId}/details', () => ik.files.get(fileId, noAuth)],
      ['DELETE /v1/files/{fileId}', () => ik.files.delete(fileId, noAuth)],
      ['POST /v1/files/purge', () => ik.cache.invalidation.create({ url: `${px.urlEndpoint}${root}/e.png` }, noAuth)],
    ]) {
      const e = await fails(call(), 401, `${what} without a key`);
      assert.ok(e instanceof AuthenticationError, 'the SDK throws AuthenticationError');
      assert.equal(e.error.message, 'Your request does not contain private API key.');
      assertErrorBody(e.error, 401);
    }
  });

  spec('a wrong private key -> 403 PermissionDeniedError "Your account cannot be authenticated."', async () => {
    const fileId = await file();
    const wrong = px.client({ privateKey: 'private_not_the_key' });
    const e = await fails(wrong.files.get(fileId), 403, 'GET /v1/files/{fileId}/details with a wrong key');
    assert.ok(e instanceof PermissionDeniedError, 'the SDK throws PermissionDeniedError');
    assert.equal(e.error.message, 'Your account cannot be authenticated.');
    assertErrorBody(e.error, 403);
  });

  spec('401/403 on the list API too (GET /v1/files)', async () => {
    await fails(ik.assets.list({ path: root }, noAuth), 401, 'GET /v1/files without a key');
    await fails(px.client({ privateKey: 'private_not_the_key' }).assets.list({ path: root }), 403, 'GET /v1/files with a wrong key');
  });

  spec('an unknown file -> 404 NotFoundError with .error.message "The requested file does not exist."', async () => {
    const e = await fails(ik.files.get('ffffffffffffffffffffffff'), 404, 'GET /v1/files/{fileId}/details for an unknown id');
    assert.ok(e instanceof NotFoundError);
    assert.equal(e.error.message, 'The requested file does not exist.');
    assertErrorBody(e.error, 404);
  });

  spec('every response carries x-ik-requestId', async () => {
    const fileId = await file();
    const { response } = await ik.files.get(fileId).withResponse();
    assert.ok(response.headers.get('x-ik-requestId'), 'x-ik-requestId on a 200');
    const e = await fails(ik.files.get('ffffffffffffffffffffffff'), 404, 'GET /v1/files/{fileId}/details for an unknown id');
    assert.ok(e.headers.get('x-ik-requestId'), 'x-ik-requestId on a 404');
  });
});

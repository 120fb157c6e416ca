// Test fixtures made through the SDK: PNG uploads, custom metadata fields, JWTs for upload v2.

import crypto from 'node:crypto';
import { APIError, toFile } from '@imagekit/nodejs';
import { png } from './images.js';
import { ok } from './harness.js';

/** A PNG of w × h as an SDK Uploadable (toFile), plus its bytes. */
export async function pngUpload(name, w, h, opts = {}) {
  const bytes = png(w, h, opts);
  return { file: await toFile(bytes, name, { type: 'image/png' }), bytes };
}

/**
 * Uploads a w × h PNG with the given upload params (fileName and folder at least); returns the
 * Upload object with `.bytes` (what was sent) attached.
 */
export async function uploadPng(ik, params, { w = 40, h = 30, seed = 1, alpha = false, noise = false } = {}) {
  const { file, bytes } = await pngUpload(params.fileName, w, h, { seed, alpha, noise });
  const res = await ok(ik.files.upload({ file, useUniqueFileName: false, ...params }),
    `POST /api/v1/files/upload (${params.folder ?? '/'}${params.fileName}) -> 200 Upload`);
  return Object.assign(res, { bytes });
}

/**
 * Makes sure the custom metadata fields exist (ImageKit rejects values for undefined fields). A
 * server without the customMetadataFields API (404 for the route) is tolerated here: this is a
 * precondition of other tests, the API itself is tested in custom-metadata.test.js.
 */
export async function ensureCustomMetadataFields(ik, fields) {
  for (const f of fields) {
    try {
      await ik.customMetadataFields.create(f);
    } catch (e) {
      if (e instanceof APIError && (e.status === 404 || (e.status === 400 && /already exists/i.test(e.error?.message ?? '')))) continue;
      throw e;
    }
  }
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/**
 * The upload v2 token (REFERENCE.md §1.2): HS256 JWT, kid = public key, payload = every upload
 * field but file/token with values stringified, plus iat and exp.
 */
export function uploadJwt(fields, { privateKey, publicKey, iat = Math.floor(Date.now() / 1000), ttl = 600 } = {}) {
  const header = { alg: 'HS256', typ: 'JWT', kid: publicKey };
  const payload = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'file' || k === 'token' || v === undefined) continue;
    payload[k] = Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  payload.iat = iat;
  payload.exp = iat + ttl;
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const sig = crypto.createHmac('sha256', privateKey).update(signingInput).digest();
  return `${signingInput}.${b64url(sig)}`;
}

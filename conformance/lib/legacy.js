// The legacy `imagekit@6.0.0` SDK pointed at Pixkit (REFERENCE.md §3.1): uploads go to its
// configurable uploadEndpoint; every management URL is hard-coded to https://api.imagekit.io, so an
// interceptor on the axios instance the SDK uses rewrites them. The same interceptors record each
// exchange for failure reports.

import { createRequire } from 'node:module';
import { exchangeFailure, recordExchange, recorded } from './harness.js';

const require = createRequire(import.meta.url);
export const LegacyImageKit = require('imagekit');
// axios exactly as the SDK resolves it: the interceptor must sit on the instance the SDK calls
const axios = createRequire(require.resolve('imagekit'))('axios');
const IMAGEKIT_API = 'https://api.imagekit.io';

const clip = (s, n = 1500) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeData(data) {
  if (data == null) return '';
  if (typeof data === 'string') return clip(data);
  if (typeof data.getBoundary === 'function') { // form-data
    const fields = (data._streams || [])
      .filter((x) => typeof x === 'string' && x.includes('Content-Disposition'))
      .map((x) => {
        const name = /name="([^"]*)"/.exec(x)?.[1];
        const file = /filename="([^"]*)"/.exec(x)?.[1];
        return file ? `${name}=<file ${JSON.stringify(file)}>` : name;
      });
    return `multipart: ${fields.join('; ')}`;
  }
  return clip(JSON.stringify(data));
}

function describeResponse(data) {
  if (data == null) return '';
  if (typeof data === 'string') return clip(data);
  if (Buffer.isBuffer(data)) return `<${data.length} bytes>`;
  return clip(JSON.stringify(data));
}

let installed = null;

/** Installs the redirecting + recording interceptors once per process, for `baseURL`. */
function install(baseURL) {
  if (installed === baseURL) return;
  if (installed) throw new Error(`legacy interceptor already points at ${installed}`);
  installed = baseURL;
  axios.interceptors.request.use((config) => {
    if (config.url.startsWith(IMAGEKIT_API)) config.url = baseURL + config.url.slice(IMAGEKIT_API.length);
    const query = config.params && Object.keys(config.params).length ? `?${new URLSearchParams(config.params)}` : '';
    config.pixkitExchange = recordExchange({
      method: (config.method || 'get').toUpperCase(),
      url: config.url + query,
      auth: config.auth ? `Basic (user ${JSON.stringify(config.auth.username)}, password ${JSON.stringify(config.auth.password)})` : 'none',
      requestBody: describeData(config.data),
    });
    return config;
  });
  axios.interceptors.response.use(
    (response) => {
      const ex = response.config.pixkitExchange;
      if (ex) {
        ex.status = response.status;
        ex.contentType = response.headers['content-type'] || '';
        ex.responseBody = describeResponse(response.data);
      }
      return response;
    },
    (error) => {
      const ex = error.config?.pixkitExchange;
      if (ex) {
        if (error.response) {
          ex.status = error.response.status;
          ex.contentType = error.response.headers['content-type'] || '';
          ex.responseBody = describeResponse(error.response.data);
        } else {
          ex.error = error.message;
        }
      }
      return Promise.reject(error);
    },
  );
}

/** A legacy SDK client for the server `px` (from connect()). */
export function legacyClient(px) {
  install(px.baseURL);
  return new LegacyImageKit({
    publicKey: px.publicKey,
    privateKey: px.privateKey,
    urlEndpoint: px.urlEndpoint,
    uploadEndpoint: `${px.baseURL}/api/v1/files/upload`,
  });
}

/** The HTTP status of a legacy SDK error (the rejected response body carries $ResponseMetadata). */
export const statusOf = (err) => err?.$ResponseMetadata?.statusCode;

/** Awaits a legacy SDK call the spec says succeeds; a rejection becomes a report with the exchange. */
export async function legacyOk(promise, expect) {
  const site = new Error();
  try {
    return await promise;
  } catch (e) {
    const status = statusOf(e);
    const got = status ? `HTTP ${status} ${JSON.stringify(e)}` : `${e?.name ?? 'error'}: ${e?.message ?? JSON.stringify(e)}`;
    throw exchangeFailure(`expected ${expect}\n  got ${got}`, lastExchange(), site);
  }
}

/** Awaits a legacy SDK call the spec says fails with `status`; returns the error body. */
export async function legacyFails(promise, status, expect) {
  const site = new Error();
  let data;
  try {
    data = await promise;
  } catch (e) {
    if (statusOf(e) === status && typeof e.message === 'string') return e;
    throw exchangeFailure(`expected ${expect}: HTTP ${status} {message, help}\n  got ${statusOf(e) ? `HTTP ${statusOf(e)} ${JSON.stringify(e)}` : `${e?.message}`}`, lastExchange(), site);
  }
  throw exchangeFailure(`expected ${expect}: HTTP ${status}\n  got success ${clip(JSON.stringify(data ?? null), 600)}`, lastExchange(), site);
}

function lastExchange() {
  const log = recorded();
  return log[log.length - 1];
}

// The conformance harness: the server connection, ImageKit clients that record every HTTP exchange,
// and assertion helpers that turn a failure into a report of the request, the response and what
// ImageKit's spec expects.
//
//   const px = await connect();           // the shared server (or a private one when run alone)
//   after(() => px.close());
//   const ik = px.client();               // @imagekit/nodejs 7.11.0 pointed at Pixkit
//   spec('files.get: ...', async () => {
//     const f = await ok(ik.files.get(id), 'GET /v1/files/{fileId}/details -> 200 FileDetails');
//     const e = await fails(ik.files.get('nope'), 404, 'unknown fileId -> 404 {message, help}');
//   });

import assert, { AssertionError } from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe as nodeDescribe, test } from 'node:test';
import ImageKit, { APIError } from '@imagekit/nodejs';
import { loadGaps } from './gaps.js';
import { startPixkit, KEYS } from './server.js';

export { assert };
export const HELP = 'For support kindly contact us at support@imagekit.io.';
/** Pixkit's answer for a route it has no handler for (a feature not implemented yet). */
const NO_ROUTE = 'The requested resource does not exist.';

// ---------------------------------------------------------------------------------------------
// server connection

/**
 * The Pixkit server to test: the one lib/with-server.js started for the whole run
 * (PIXKIT_CONFORMANCE_BASE_URL), or a private one for this process when the file is run alone.
 */
export async function connect() {
  const env = process.env;
  let server;
  let info;
  if (env.PIXKIT_CONFORMANCE_BASE_URL) {
    info = {
      baseURL: env.PIXKIT_CONFORMANCE_BASE_URL,
      urlEndpoint: env.PIXKIT_CONFORMANCE_URL_ENDPOINT || `${env.PIXKIT_CONFORMANCE_BASE_URL}/media`,
      privateKey: env.PIXKIT_CONFORMANCE_PRIVATE_KEY || KEYS.privateKey,
      publicKey: env.PIXKIT_CONFORMANCE_PUBLIC_KEY || KEYS.publicKey,
    };
  } else {
    server = await startPixkit();
    info = server;
  }
  return {
    baseURL: info.baseURL,
    urlEndpoint: info.urlEndpoint,
    privateKey: info.privateKey,
    publicKey: info.publicKey,
    /** An @imagekit/nodejs client for this server; `options` override the defaults. */
    client(options = {}) {
      return new ImageKit({ privateKey: info.privateKey, baseURL: info.baseURL, maxRetries: 0, fetch: recordingFetch, ...options });
    },
    /** A recorded plain GET (delivery URLs); resolves to { status, headers, body: Buffer }. */
    async get(url, init = {}) {
      const res = await recordingFetch(url, { method: 'GET', ...init });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    },
    async close() {
      if (server) await server.stop();
    },
  };
}

/** A name unique to this run: prefix-<time><random>. */
export function uniq(prefix = 'c') {
  return `${prefix}-${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// exchange recording

const exchanges = new AsyncLocalStorage();
const outsideTests = [];

function record(ex) {
  const log = exchanges.getStore() ?? outsideTests;
  log.push(ex);
  if (log.length > 50) log.shift();
}

/** The exchanges recorded so far in the current test (oldest first). */
export function recorded() {
  return exchanges.getStore() ?? outsideTests;
}

const TEXT_TYPES = /json|text|xml|javascript|x-www-form-urlencoded/;
const clip = (s, n = 1500) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeBody(body) {
  if (body == null) return '';
  if (typeof body === 'string') return clip(body);
  if (body instanceof FormData) {
    const parts = [];
    for (const [k, v] of body.entries()) {
      if (typeof v === 'string') parts.push(`${k}=${JSON.stringify(clip(v, 200))}`);
      else parts.push(`${k}=<file ${JSON.stringify(v.name)}, ${v.size} bytes, ${v.type || 'no type'}>`);
    }
    return `multipart: ${parts.join('; ')}`;
  }
  if (body instanceof URLSearchParams) return clip(body.toString());
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return `<${body.byteLength} bytes>`;
  return `<${body.constructor?.name ?? typeof body} body>`;
}

function describeAuth(headers) {
  const h = new Headers(headers ?? {});
  const a = h.get('authorization');
  if (!a) return 'none';
  const m = /^Basic\s+(.*)$/i.exec(a);
  if (!m) return a.split(' ')[0];
  let user = m[1];
  try {
    const d = Buffer.from(m[1], 'base64').toString('utf8');
    if (d.includes(':')) user = d.slice(0, d.indexOf(':'));
  } catch { /* raw key */ }
  return `Basic (user ${JSON.stringify(user)})`;
}

/** A fetch that records method, URL, request body, status and response body of every call. */
export async function recordingFetch(input, init = {}) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.startsWith('data:')) return fetch(input, init); // the SDK's FormData support probe
  const ex = {
    method: (init.method || 'GET').toUpperCase(),
    url,
    auth: describeAuth(init.headers),
    requestBody: describeBody(init.body),
  };
  record(ex);
  let res;
  try {
    res = await fetch(input, init);
  } catch (e) {
    ex.error = e.cause?.message || e.message;
    throw e;
  }
  ex.status = res.status;
  ex.contentType = res.headers.get('content-type') || '';
  const buf = Buffer.from(await res.clone().arrayBuffer());
  ex.responseBody = TEXT_TYPES.test(ex.contentType) || (buf.length && buf[0] === 0x7b)
    ? clip(buf.toString('utf8'))
    : `<${buf.length} bytes ${ex.contentType}>`;
  return res;
}

/** Records an exchange made by another client (the legacy SDK's axios). */
export function recordExchange(ex) {
  record(ex);
  return ex;
}

export function formatExchange(ex) {
  const lines = [`  → ${ex.method} ${ex.url}`, `    auth: ${ex.auth}`];
  if (ex.requestBody) lines.push(`    body: ${ex.requestBody}`);
  if (ex.error) lines.push(`  ← no response: ${ex.error}`);
  else if (ex.status === undefined) lines.push('  ← (no response yet)');
  else {
    lines.push(`  ← ${ex.status} ${ex.contentType || ''}`.trimEnd());
    if (ex.responseBody) lines.push(`    ${ex.responseBody}`);
    if (ex.status === 404 && String(ex.responseBody).includes(NO_ROUTE)) {
      lines.push('    (Pixkit has no handler for this route: the endpoint is not implemented in this build)');
    }
  }
  return lines.join('\n');
}

/** Stack frames worth showing: the test files and fixtures, not the SDK, the runner or this file. */
function usefulFrames(stack) {
  return String(stack ?? '').split('\n')
    .filter((l) => /^\s+at /.test(l) && !/node_modules|\(node:|at node:|lib\/harness\.js/.test(l))
    .join('\n');
}

/** An AssertionError with `message` and the useful frames of `site` (an Error from the call site). */
function failure(message, site) {
  const err = new AssertionError({ message });
  for (const k of ['actual', 'expected', 'operator', 'generatedMessage']) delete err[k];
  const frames = usefulFrames(site?.stack);
  err.stack = `${err.name}: ${message}${frames ? `\n${frames}` : ''}`;
  return err;
}

// ---------------------------------------------------------------------------------------------
// tests and assertions

const DECORATED = Symbol('decorated');

/**
 * An AssertionError for a failed expectation about an HTTP exchange: `message` (what was expected
 * and what came back) followed by the exchange; `site` is an Error made at the caller's call site.
 */
export function exchangeFailure(message, ex, site) {
  const err = failure(`${message}\n\nrequest and response:\n${ex ? formatExchange(ex) : '  (none recorded)'}`, site);
  err[DECORATED] = true;
  return err;
}

const suites = [];

/**
 * node:test's describe, remembering the suite names so that a test's key (in known-gaps.txt and the
 * summary) is "<file>: <suite> > <test>". The callback must register its tests synchronously.
 */
export function describe(name, fn) {
  return nodeDescribe(name, () => {
    suites.push(name);
    try {
      return fn();
    } finally {
      suites.pop();
    }
  });
}

/** The test file (basename) that called into the harness, from the stack. */
function callerFile() {
  for (const line of String(new Error().stack).split('\n')) {
    const m = /[/\\]test[/\\]([^/\\]+\.test\.js)/.exec(line);
    if (m) return m[1];
  }
  return '?';
}

/**
 * A test whose failure report ends with the HTTP exchanges it made (the last few), so that a
 * failing assertion on a response shows what was sent and received.
 *
 * A test listed in known-gaps.txt (as "<file>: <suite> > <test>") runs as a node:test `todo`: its result
 * is reported (in one line) but does not fail the run. PIXKIT_CONFORMANCE_STRICT=1 ignores the list;
 * PIXKIT_CONFORMANCE_VERBOSE=1 reports known gaps in full.
 */
export function spec(name, fn, options = {}) {
  const key = `${callerFile()}: ${[...suites, name].join(' > ')}`;
  const gap = knownGap(key);
  return test(name, gap ? { ...options, todo: `known gap: ${gap}` } : options, async (t) => {
    const log = [];
    try {
      await exchanges.run(log, () => fn(t));
      recordResult(key, gap ? 'gap-pass' : 'pass');
    } catch (e) {
      const head = e instanceof AssertionError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const first = head.split('\n').find((l) => l.trim()) ?? '';
      recordResult(key, gap ? 'gap-fail' : 'fail', first);
      // a known gap that still fails is reported in one line (PIXKIT_CONFORMANCE_VERBOSE=1: in full)
      if (gap && process.env.PIXKIT_CONFORMANCE_VERBOSE !== '1') throw `still failing: ${first}`;
      if (e?.[DECORATED] || log.length === 0) throw e;
      const shown = log.slice(-3);
      const err = failure(`${head}\n\nHTTP exchanges of this test (last ${shown.length} of ${log.length}):\n` +
        shown.map(formatExchange).join('\n'), e instanceof Error ? e : undefined);
      err[DECORATED] = true;
      throw err;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// known gaps and the results file read by lib/summary.js

let gaps;

function knownGap(key) {
  if (process.env.PIXKIT_CONFORMANCE_STRICT === '1') return undefined;
  gaps ??= loadGaps();
  return gaps.get(key);
}

function recordResult(key, status, message = '') {
  const file = process.env.PIXKIT_CONFORMANCE_RESULTS;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ key, status, message: clip(message, 300) })}\n`);
}

/** True for Pixkit's answer to a route without a handler (an endpoint not implemented yet). */
export function isNoRoute(e) {
  return e instanceof APIError && e.status === 404 && e.error?.message === NO_ROUTE;
}

function exchangeFor(status) {
  const log = recorded();
  for (let i = log.length - 1; i >= 0; i--) if (status === undefined || log[i].status === status) return log[i];
  return log[log.length - 1];
}

/**
 * Awaits an SDK call that the spec says succeeds. `expect` names the operation and the response the
 * spec promises. An APIError becomes an AssertionError with the request, the response and `expect`.
 * With { status }, the HTTP status must match too (e.g. 201, 207).
 */
export async function ok(call, expect, { status } = {}) {
  const site = new Error();
  let data;
  let response;
  try {
    if (typeof call?.withResponse === 'function') ({ data, response } = await call.withResponse());
    else data = await call;
  } catch (e) {
    const ex = e instanceof APIError ? exchangeFor(e.status) : exchangeFor();
    const got = e instanceof APIError ? `HTTP ${e.status ?? '(no status)'} ${JSON.stringify(e.error ?? null)}` : `${e?.name}: ${e?.message}`;
    const err = failure(`expected ${expect}\n  got ${got}\n\nrequest and response:\n${ex ? formatExchange(ex) : '  (none recorded)'}`, site);
    err[DECORATED] = true;
    throw err;
  }
  if (status !== undefined && response && response.status !== status) {
    const err = failure(`expected ${expect} with HTTP ${status}, got HTTP ${response.status}\n\n` +
      `request and response:\n${formatExchange(exchangeFor(response.status))}`, site);
    err[DECORATED] = true;
    throw err;
  }
  return data;
}

/**
 * Awaits an SDK call that the spec says fails with `status`; checks ImageKit's error body
 * ({message: string, help: string}) and returns the APIError (`.error` is the parsed body).
 */
export async function fails(call, status, expect) {
  const site = new Error();
  let data;
  try {
    data = await call;
  } catch (e) {
    if (!(e instanceof APIError) || e.status === undefined) {
      throw failure(`expected ${expect} (HTTP ${status}), got ${e?.name}: ${e?.message}`, site);
    }
    const ex = exchangeFor(e.status);
    const where = `\n\nrequest and response:\n${formatExchange(ex)}`;
    if (e.status !== status) {
      const err = failure(`expected ${expect}: HTTP ${status}\n  got HTTP ${e.status} ${JSON.stringify(e.error ?? null)}${where}`, site);
      err[DECORATED] = true;
      throw err;
    }
    if (isNoRoute(e)) {
      const err = failure(`expected ${expect}: HTTP ${status} from the endpoint\n  got Pixkit's 404 for a route it has no handler for${where}`, site);
      err[DECORATED] = true;
      throw err;
    }
    const body = e.error;
    const shapeOk = body && typeof body === 'object' && typeof body.message === 'string' && body.message.length > 0 &&
      (status === 429 || typeof body.help === 'string');
    if (!shapeOk) {
      const err = failure(`expected ${expect}: HTTP ${status} with ImageKit's error body {message: string, help: string}` +
        `\n  got ${JSON.stringify(body ?? null)}${where}`, site);
      err[DECORATED] = true;
      throw err;
    }
    return e;
  }
  const ex = exchangeFor();
  const err = failure(`expected ${expect}: HTTP ${status}\n  got success: ${clip(JSON.stringify(data ?? null), 600)}` +
    `\n\nrequest and response:\n${ex ? formatExchange(ex) : '  (none recorded)'}`, site);
  err[DECORATED] = true;
  throw err;
}

/**
 * A fixture made on first use and shared afterwards. Tests call it instead of relying on a before()
 * hook, so a fixture that fails (say, on an endpoint not implemented yet) fails the tests that need
 * it, each with the report of the failed call, rather than the whole suite.
 */
export function once(make) {
  let p;
  return () => (p ??= make());
}

/**
 * Polls `fn` until `done(value)` holds or `timeoutMs` passes (then fails with the last value).
 */
export async function eventually(fn, done, what, { timeoutMs = 15_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (done(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}: still not done after ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// shape checks (ImageKit's response objects, see the spec's components)

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Fields of the spec's FileDetails ("File & File Version") that every file must carry. */
export function assertFileDetails(f, { type = 'file' } = {}) {
  assert.ok(f && typeof f === 'object', 'FileDetails is an object');
  assert.equal(typeof f.fileId, 'string', 'FileDetails.fileId is a string');
  assert.equal(f.type, type, `FileDetails.type is "${type}"`);
  for (const k of ['name', 'filePath', 'url', 'fileType', 'mime']) assert.equal(typeof f[k], 'string', `FileDetails.${k} is a string`);
  assert.ok(f.filePath.startsWith('/'), 'FileDetails.filePath starts with /');
  assert.ok(['image', 'non-image'].includes(f.fileType), 'FileDetails.fileType is image or non-image');
  assert.ok(f.tags === null || Array.isArray(f.tags), 'FileDetails.tags is an array or null');
  assert.ok(f.AITags === null || Array.isArray(f.AITags), 'FileDetails.AITags is an array or null');
  assert.ok(f.customCoordinates === null || typeof f.customCoordinates === 'string', 'FileDetails.customCoordinates is a string or null');
  assert.equal(typeof f.versionInfo?.id, 'string', 'FileDetails.versionInfo.id is a string');
  assert.match(f.versionInfo?.name ?? '', /^Version \d+$/, 'FileDetails.versionInfo.name is "Version N"');
  assert.equal(typeof f.isPrivateFile, 'boolean', 'FileDetails.isPrivateFile is a boolean');
  assert.equal(typeof f.isPublished, 'boolean', 'FileDetails.isPublished is a boolean');
  assert.equal(typeof f.size, 'number', 'FileDetails.size is a number');
  assert.equal(typeof f.hasAlpha, 'boolean', 'FileDetails.hasAlpha is a boolean');
  assert.match(f.createdAt, ISO_MS, 'FileDetails.createdAt is ISO-8601 with ms and Z');
  assert.match(f.updatedAt, ISO_MS, 'FileDetails.updatedAt is ISO-8601 with ms and Z');
  if (f.fileType === 'image') {
    assert.equal(typeof f.width, 'number', 'FileDetails.width is a number for images');
    assert.equal(typeof f.height, 'number', 'FileDetails.height is a number for images');
    assert.equal(typeof f.thumbnail, 'string', 'FileDetails.thumbnail is a URL for images');
  }
  assert.equal(f.thumbnailUrl, undefined, 'FileDetails uses "thumbnail", not the upload response\'s "thumbnailUrl"');
}

/** The spec's Upload object: the fields every upload response carries. */
export function assertUpload(u) {
  assert.ok(u && typeof u === 'object', 'Upload is an object');
  for (const k of ['fileId', 'name', 'filePath', 'url', 'fileType']) assert.equal(typeof u[k], 'string', `Upload.${k} is a string`);
  assert.equal(typeof u.size, 'number', 'Upload.size is a number');
  assert.equal(typeof u.versionInfo?.id, 'string', 'Upload.versionInfo.id is a string');
  assert.match(u.versionInfo?.name ?? '', /^Version \d+$/, 'Upload.versionInfo.name is "Version N"');
  if (u.fileType === 'image') {
    assert.equal(typeof u.width, 'number', 'Upload.width is a number for images');
    assert.equal(typeof u.height, 'number', 'Upload.height is a number for images');
    assert.equal(typeof u.thumbnailUrl, 'string', 'Upload.thumbnailUrl is a URL for images');
  }
}

/** ImageKit's error body: {message, help} (plus endpoint-specific extras). */
export function assertErrorBody(body, status) {
  assert.equal(typeof body?.message, 'string', `HTTP ${status} body has a message`);
  if (status !== 429) assert.equal(body.help, HELP, `HTTP ${status} body has ImageKit's help text`);
}

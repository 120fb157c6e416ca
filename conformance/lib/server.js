// Starts and stops a real Pixkit server (the executable jar) for the conformance suite.
//
// One server serves the whole run: lib/with-server.js starts it before `node --test` and hands
// its address to the test processes through PIXKIT_CONFORMANCE_* variables; a test file run on
// its own (node --test test/x.test.js) starts a private one through lib/pixkit.js instead.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_JAR = path.join(REPO_ROOT, 'pixkit-server', 'target', 'pixkit-server-exec.jar');

/** The key pair the server is started with (the same the Java tests use). */
export const KEYS = Object.freeze({ privateKey: 'private_test_key', publicKey: 'public_test_key' });

const READY_TIMEOUT_MS = 90_000;

/** A free TCP port on loopback (released again before returning; the race is acceptable here). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function javaBinary() {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** The last `lines` lines of a file, indented, or '' when it is missing. */
export function tail(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).map((l) => `    | ${l}`).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts Pixkit and waits until /actuator/health/readiness answers UP.
 *
 * Returns { baseURL, urlEndpoint, privateKey, publicKey, logFile, stop(keepLog) }.
 * On failure the error message carries the tail of the server log.
 */
export async function startPixkit({ jar = process.env.PIXKIT_CONFORMANCE_JAR || DEFAULT_JAR, extraEnv = {} } = {}) {
  if (!fs.existsSync(jar)) {
    throw new Error(`Pixkit server jar not found: ${jar}\n` +
      'Build it with: ./mvnw -B -q -pl pixkit-server -am package -DskipTests (from the repo root)');
  }
  const port = await freePort();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixkit-conformance-'));
  const dataDir = path.join(workDir, 'data');
  fs.mkdirSync(dataDir);
  const logFile = path.join(workDir, 'server.log');
  const baseURL = `http://127.0.0.1:${port}`;
  const urlEndpoint = `${baseURL}/media`;
  const env = {
    ...process.env,
    PIXKIT_PORT: String(port),
    PIXKIT_DATA_DIR: dataDir,
    PIXKIT_PRIVATE_KEY: KEYS.privateKey,
    PIXKIT_PUBLIC_KEY: KEYS.publicKey,
    PIXKIT_URL_ENDPOINT: urlEndpoint,
    // remote-URL uploads from the suite's own loopback HTTP server
    PIXKIT_FETCH_ALLOW: '127.0.0.1',
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
    ...extraEnv,
  };
  // PIXKIT_VIPS_LIBRARY (and the rest of the environment) passes through unchanged.
  // C1 only: the server starts about twice as fast, which matters more than peak speed here
  const jvmOpts = (process.env.PIXKIT_CONFORMANCE_JAVA_OPTS ||
    '-XX:+UseSerialGC -Xmx384m -XX:TieredStopAtLevel=1').split(/\s+/).filter(Boolean);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(javaBinary(), ['--enable-native-access=ALL-UNNAMED', ...jvmOpts, '-jar', jar], {
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  const server = {
    baseURL,
    urlEndpoint,
    ...KEYS,
    logFile,
    workDir,
    pid: child.pid,
    /** Stops the server; removes its temp dir unless keepLog (then the log stays for inspection). */
    async stop(keepLog = false) {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 10_000);
        await exit;
        clearTimeout(timer);
      }
      if (!keepLog) fs.rmSync(workDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const why = exited.error ? exited.error.message : `exit code ${exited.code}, signal ${exited.signal}`;
      throw new Error(`Pixkit did not start (${why}); log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseURL}/actuator/health/readiness`, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if (res.ok && body.includes('"UP"')) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop(true);
      throw new Error(`Pixkit was not ready after ${READY_TIMEOUT_MS / 1000}s; log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

#!/usr/bin/env node
// Usage: node lib/with-server.js -- <command> [args...]
//
// Starts one Pixkit server, runs the command with PIXKIT_CONFORMANCE_BASE_URL (and the endpoint
// and keys) in its environment, stops the server and exits with the command's status. When the
// command fails, the tail of the server log is printed (and the log kept) to help diagnose it.

import { spawn } from 'node:child_process';
import { startPixkit, tail } from './server.js';

const sep = process.argv.indexOf('--');
const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
if (command.length === 0) {
  console.error('usage: node lib/with-server.js -- <command> [args...]');
  process.exit(2);
}

let server;
const t0 = Date.now();
try {
  server = await startPixkit();
} catch (e) {
  console.error(`conformance: ${e.message}`);
  process.exit(1);
}
console.error(`conformance: Pixkit ready at ${server.baseURL} in ${((Date.now() - t0) / 1000).toFixed(1)}s ` +
  `(pid ${server.pid}, log ${server.logFile})`);

const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  env: {
    ...process.env,
    PIXKIT_CONFORMANCE_BASE_URL: server.baseURL,
    PIXKIT_CONFORMANCE_URL_ENDPOINT: server.urlEndpoint,
    PIXKIT_CONFORMANCE_PRIVATE_KEY: server.privateKey,
    PIXKIT_CONFORMANCE_PUBLIC_KEY: server.publicKey,
    PIXKIT_CONFORMANCE_LOG: server.logFile,
  },
});

let stopping = false;
async function finish(code) {
  if (stopping) return;
  stopping = true;
  const failed = code !== 0;
  if (failed) {
    console.error(`\nconformance: tests failed; last lines of the Pixkit log (kept at ${server.logFile}):`);
    console.error(tail(server.logFile, 40));
  }
  await server.stop(failed);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    child.kill(sig);
    finish(130);
  });
}
child.on('exit', (code, signal) => finish(code ?? (signal ? 128 + 1 : 1)));
child.on('error', (err) => {
  console.error(`conformance: cannot run ${command[0]}: ${err.message}`);
  finish(1);
});

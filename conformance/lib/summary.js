#!/usr/bin/env node
// Usage: node lib/summary.js <tap-file> <results-file> [full]
//
// Prints the end-of-run summary: unexpected failures (with their first message line), known gaps
// that pass now (to be removed from known-gaps.txt), stale known-gaps.txt entries (on a full run),
// and the counts, ending with the plain "N passed, N failed" line.

import fs from 'node:fs';
import { loadGaps } from './gaps.js';

const [tapFile, resultsFile, full] = process.argv.slice(2);
const read = (f) => (f && fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

const counts = {};
for (const m of read(tapFile).matchAll(/^# (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[m[1]] = Number(m[2]);

const results = read(resultsFile).split('\n').filter(Boolean).map((l) => JSON.parse(l));
const by = (status) => results.filter((r) => r.status === status);
const fails = by('fail');
const gapFails = by('gap-fail');
const gapPasses = by('gap-pass');

const out = [];
if (fails.length) {
  out.push(`conformance: ${fails.length} unexpected failure(s):`);
  for (const r of fails) out.push(`  ✖ ${r.key}\n      ${r.message}`);
}
if (gapPasses.length) {
  out.push(`conformance: ${gapPasses.length} known gap(s) pass now; remove them from conformance/known-gaps.txt:`);
  for (const r of gapPasses) out.push(`  ✔ ${r.key}`);
}
if (full === 'full' && counts.tests !== undefined && process.env.PIXKIT_CONFORMANCE_STRICT !== '1') {
  const seen = new Set(results.map((r) => r.key));
  const stale = [...loadGaps().keys()].filter((k) => !seen.has(k));
  if (stale.length) {
    out.push(`conformance: ${stale.length} known-gaps.txt line(s) match no test (renamed or removed?):`);
    for (const k of stale) out.push(`  ? ${k}`);
  }
}
if (counts.tests === undefined) {
  out.push('conformance: the test run did not complete (no counts); see the output above');
  console.log(out.join('\n'));
  process.exit(0);
}
const todo = counts.todo ?? gapFails.length + gapPasses.length;
out.push(`conformance: ${counts.tests} tests, ${todo} known gap(s) run as todo (${gapFails.length} failing, ` +
  `${gapPasses.length} passing), ${counts.cancelled ?? 0} cancelled, ${counts.skipped ?? 0} skipped`);
out.push(`conformance: ${counts.pass} passed, ${counts.fail} failed`);
console.log(out.join('\n'));

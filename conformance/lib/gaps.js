// known-gaps.txt: the tests expected to fail for now (features not merged yet), with reasons.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GAPS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'known-gaps.txt');

/**
 * Reads known-gaps.txt into a Map "<file>: <test name>" -> reason. One test per line; a "# ..."
 * line gives the reason for the lines below it.
 */
export function loadGaps(file = GAPS_FILE) {
  const map = new Map();
  if (!fs.existsSync(file)) return map;
  let reason = 'not implemented yet';
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) reason = line.replace(/^#+\s*/, '') || reason;
    else map.set(line, reason);
  }
  return map;
}

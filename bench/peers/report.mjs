// Renders run.sh's results.tsv as one Markdown table with Pixkit's ratios and the goals.
//   node report.mjs <results.tsv>
// TSV columns: case, kind (uncached|cached), server, req/s, p50 ms, p99 ms, peak RSS MB, bytes, note.
// A row whose req/s is not a number (n/a, FAILED) is shown but takes no part in the comparisons.
import { readFileSync } from 'node:fs';

const GOAL_UNCACHED = 1.1; // Pixkit req/s ≥ 1.1 × the best peer's
const GOAL_CACHED = 0.5; // Pixkit (cache on) req/s ≥ 0.5 × nginx serving the same bytes as a static file
const GOAL_RSS_MB = 256;
const SIZE_TOLERANCE = 0.1;

const rows = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => {
    const [kase, kind, server, rps, p50, p99, rss, bytes, note] = l.split('\t');
    return { kase, kind, server, rps, p50, p99, rss, bytes, note: note || '' };
});
const num = (v) => (/^[0-9.]+$/.test(v ?? '') ? Number(v) : NaN);
const ok = (b) => (b ? '✓' : '✗');
const isPixkit = (r) => r.server.startsWith('Pixkit');

const cases = [...new Set(rows.map((r) => r.kase))];
for (const kase of cases) {
    const rs = rows.filter((r) => r.kase === kase);
    const pix = rs.find(isPixkit);
    const peers = rs.filter((r) => !isPixkit(r) && !Number.isNaN(num(r.rps)));
    const best = peers.reduce((a, r) => (a && num(a.rps) >= num(r.rps) ? a : r), undefined);
    for (const r of rs.filter((x) => !isPixkit(x) && pix && !Number.isNaN(num(x.bytes)) && num(pix.bytes) > 0)) {
        const d = num(r.bytes) / num(pix.bytes) - 1;
        const s = `size ${d >= 0 ? '+' : ''}${(d * 100).toFixed(0)}% vs Pixkit${Math.abs(d) > SIZE_TOLERANCE ? ' ⚠ (>±10%)' : ''}`;
        r.note = [s, r.note].filter(Boolean).join('; ');
    }
    if (!pix || Number.isNaN(num(pix.rps))) continue;
    const goals = [];
    if (best) {
        const ratio = num(pix.rps) / num(best.rps);
        const goal = pix.kind === 'cached' ? GOAL_CACHED : GOAL_UNCACHED;
        goals.push(`**${ratio.toFixed(2)}×** ${best.server} (goal ≥ ${goal}×) ${ok(ratio >= goal)}`);
        if (pix.kind !== 'cached') {
            goals.push(`p99 ${pix.p99} vs ${best.p99} ms (goal ≤) ${ok(num(pix.p99) <= num(best.p99))}`);
        }
    } else {
        goals.push('no peer result to compare with');
    }
    goals.push(`RSS ≤ ${GOAL_RSS_MB} MB ${ok(num(pix.rss) <= GOAL_RSS_MB)}`);
    pix.note = [goals.join(' · '), pix.note].filter(Boolean).join('; ');
}

const out = [
    '| case | server | req/s | p50 ms | p99 ms | peak RSS MB | bytes | Pixkit vs best peer · goals / notes |',
    '|---|---|--:|--:|--:|--:|--:|---|',
];
for (const kase of cases) {
    for (const r of rows.filter((x) => x.kase === kase)) {
        out.push(`| ${r.kase} | ${r.server} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.rss} | ${r.bytes} | ${r.note} |`);
    }
}
console.log(out.join('\n'));
console.log();
console.log(`Goals: uncached Pixkit ≥ ${GOAL_UNCACHED}× the best peer's req/s and p99 ≤ that peer's; cached Pixkit ≥ ` +
    `${GOAL_CACHED}× nginx serving the same bytes as a static file; Pixkit peak RSS ≤ ${GOAL_RSS_MB} MB. ` +
    `"Best peer" = the peer with the most req/s in that case. Sizes should be within ±10% of Pixkit's.`);

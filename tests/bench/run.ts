/**
 * `npm run bench`: every benchmark, one table (scenario, ours, peer, ratio, target, pass/fail), and the
 * same rows as JSON in bench-results/latest.json. Each figure is the median of repeated runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { generateMap } from '../../src/lib/model/generate';
import { layeredLayout, withLayout } from '../../src/lib/model/layout';
import { writeMap } from '../../src/lib/sync/apply';
import { readMap } from '../../src/lib/sync/read';
import { MapSession } from '../../src/lib/sync/session';
import { ROOT } from '../server';
import { browserBenchmarks } from './browser';
import { clusterBenchmarks } from './cluster';
import { evaluateBenchmarks } from './evaluate';
import { documentGrowth } from './growth';
import { syncBenchmarks, type Row } from './sync';

/** Median of `runs` timings of `fn` in ms, after one warm-up run. */
function median(runs: number, fn: () => void): number {
	fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)]!;
}

const rows: Row[] = [];
const map1000 = withLayout(generateMap(1000));
const doc = new Y.Doc();
writeMap(doc, map1000);
const encoded = Y.encodeStateAsUpdate(doc);

const load = median(15, () => {
	const fresh = new Y.Doc();
	Y.applyUpdate(fresh, encoded);
	readMap(fresh);
});
rows.push({
	scenario: 'Load a 1,000-claim document in Node',
	ours: load,
	unit: 'ms',
	target: '<= 100 ms',
	pass: load <= 100
});

const layout = median(9, () => layeredLayout(map1000));
rows.push({
	scenario: 'Automatic layout of 1,000 claims',
	ours: layout,
	unit: 'ms',
	target: '<= 3000 ms',
	pass: layout <= 3000
});

const session = new MapSession(doc);
let n = 0;
const edit = median(51, () => {
	session.dispatch({ type: 'editText', id: 'c10', text: `Edited text number ${n++}` });
});
rows.push({
	scenario: 'One edit on a 1,000-claim map (plan, apply, derive)',
	ours: edit,
	unit: 'ms',
	target: '<= 16 ms (one frame)',
	pass: edit <= 16
});

// Strengths and labels of a 1,000-claim map (tests/bench/evaluate.ts).
rows.push(...evaluateBenchmarks());

// 10,000 edits of a person working on a 1,000-claim map (tests/bench/growth.ts).
const growth = documentGrowth();
rows.push({
	scenario: `Document growth from ${growth.edits.toLocaleString('en')} edits (typing, drags, adds, deletes)`,
	ours: growth.added / 1024,
	unit: 'KB',
	target: '<= 150 KB',
	pass: growth.added <= 150 * 1024
});

// Our sync server and the reference one, side by side (tests/bench/sync.ts).
rows.push(...(await syncBenchmarks((line) => console.log(line))));
// Several server processes sharing a room through PostgreSQL and Redis (tests/bench/cluster.ts).
rows.push(...(await clusterBenchmarks((line) => console.log(line))));
// The editor in headless Chromium beside bare Cytoscape (tests/bench/browser.ts).
rows.push(...(await browserBenchmarks((line) => console.log(line))));

const pad = (s: string, w: number) => s.padEnd(w);
/** Counts as they are, small timings with two decimals (sub-millisecond latencies), the rest with one. */
const fmt = (v: number | undefined) =>
	v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1);
const withUnit = (v: number | undefined, unit: string) => `${fmt(v)} ${unit}`.trim();
const header = ['scenario', 'ours', 'peer', 'ratio', 'target', 'result'];
const table = rows.map((r) => [
	r.scenario,
	withUnit(r.ours, r.unit),
	r.peer === undefined ? '—' : withUnit(r.peer, r.unit),
	r.ratio !== undefined
		? r.ratio.toFixed(2)
		: r.peer === undefined || r.peer === 0
			? '—'
			: (r.ours / r.peer).toFixed(2),
	r.target,
	r.pass ? 'pass' : 'FAIL'
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
console.log(header.map((h, i) => pad(h, widths[i]!)).join(' | '));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const t of table) console.log(t.map((c, i) => pad(c, widths[i]!)).join(' | '));
const out = path.join(ROOT, 'bench-results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(
	path.join(out, 'latest.json'),
	JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)
);
console.log(`\nWrote bench-results/latest.json (${encoded.length} bytes for the 1,000-claim document).`);
process.exitCode = rows.every((r) => r.pass) ? 0 : 1;

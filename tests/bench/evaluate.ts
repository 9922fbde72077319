/**
 * Evaluation benchmarks (SPEC R109): strengths, labels and reasons of a 1,000-claim map, measured on the
 * seeded generator's map with seeded votes, both as generated (its cross-links close cycles, so the quadratic
 * energy model runs) and without the cross-links (a tree: DF-QuAD). Median of repeated runs.
 */
import { evaluate, type Ratings } from '../../src/lib/model/evaluate';
import { generateMap } from '../../src/lib/model/generate';
import { normalize } from '../../src/lib/model/normalize';
import { seededRandom } from '../../src/lib/model/random';
import type { ArgMap } from '../../src/lib/model/map';
import type { Row } from './sync';

/** The target of R109: well inside a frame budget's worth of work for a live redraw. */
const TARGET_MS = 50;
const RUNS = 21;

/** Seeded votes: every claim and relation rated by 0-5 of 12 people. */
function seededRatings(map: ArgMap, seed = 7): Ratings {
	const random = seededRandom(seed);
	const votes = () => Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * 5) / 4);
	return {
		claims: new Map(map.claims.map((c) => [c.id, votes()])),
		relations: new Map(map.relations.map((r) => [r.id, votes()]))
	};
}

function median(fn: () => void): number {
	fn();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)]!;
}

/** The rows of the evaluation benchmarks. */
export function evaluateBenchmarks(): Row[] {
	const cyclic = generateMap(1000);
	const tree = normalize({ ...cyclic, relations: cyclic.relations.filter((r) => !r.id.startsWith('x')) });
	return [
		{ map: cyclic, name: 'with cycles' },
		{ map: tree, name: 'a tree' }
	].map(({ map, name }) => {
		const ratings = seededRatings(map);
		const semantics = evaluate(map, ratings).semantics;
		const ms = median(() => evaluate(map, ratings));
		return {
			scenario: `Evaluate a 1,000-claim map, ${name} (${semantics === 'df-quad' ? 'DF-QuAD' : 'quadratic energy'}, grounded labels)`,
			ours: ms,
			unit: 'ms',
			target: `<= ${TARGET_MS} ms`,
			pass: ms <= TARGET_MS
		};
	});
}

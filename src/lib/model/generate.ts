import type { ClaimKind } from './claim';
import type { ArgMap } from './map';
import { parseArgMap } from './parse-map';
import { pick, seededRandom } from './random';

const WORDS = (
	'energy pipeline alliance sanctions rivalry summit asymmetry trade technology investment security defence ' +
	'exercises arms exports market pressure influence region neighbours border cooperation partnership policy ' +
	'strategic interests economic military political normative opposition support capacity leaders dialogue'
).split(' ');

/** A claim-like sentence of 8-25 words. */
function sentence(random: () => number): string {
	const n = 8 + Math.floor(random() * 18);
	const words = Array.from({ length: n }, () => pick(random, WORDS)!);
	const text = words.join(' ');
	return text[0]!.toUpperCase() + text.slice(1) + '.';
}

/**
 * A realistic map for benchmarks: one question and thesis, a tree of reasons and objections (most claims
 * have 1-4 children, leaves are often evidence), about 5% cross-links, texts of 8-25 words. Seeded: the
 * same size and seed always give the same map.
 */
export function generateMap(claims: number, seed = 1): ArgMap {
	const random = seededRandom(seed);
	const list: { id: string; kind: ClaimKind; text: string }[] = [
		{ id: 'q', kind: 'question', text: 'Will the two states form an alliance?' },
		{ id: 't', kind: 'thesis', text: sentence(random) }
	];
	const relations: { id: string; kind: string; from: string; to: string }[] = [
		{ id: 'r-t', kind: 'answers', from: 't', to: 'q' }
	];
	const open = ['t'];
	for (let i = 0; list.length < claims; i++) {
		const parent = open[Math.floor(random() * Math.min(open.length, 12))]!;
		const id = `c${i}`;
		const evidence = random() < 0.3;
		list.push({ id, kind: evidence ? 'evidence' : 'claim', text: sentence(random) });
		relations.push({ id: `r${i}`, kind: random() < 0.6 ? 'supports' : 'attacks', from: id, to: parent });
		if (!evidence) open.push(id);
		if (open.length > 40) open.shift();
	}
	const seen = new Set(relations.map((r) => `${r.from}|${r.to}`));
	for (let i = 0; i < claims * 0.05; i++) {
		const from = pick(random, list.slice(2))!.id;
		const to = pick(random, list.slice(1))!.id;
		if (from === to || seen.has(`${from}|${to}`) || seen.has(`${to}|${from}`)) continue;
		seen.add(`${from}|${to}`);
		relations.push({ id: `x${i}`, kind: random() < 0.5 ? 'supports' : 'attacks', from, to });
	}
	const parsed = parseArgMap({
		format: 'argmap',
		version: 1,
		title: `Generated ${claims}`,
		claims: list,
		relations
	});
	if (!parsed.ok) throw parsed.error;
	return parsed.value;
}

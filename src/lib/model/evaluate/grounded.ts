import type { BipolarGraph, Edge } from './graph';

/**
 * The grounded labelling (Dung 1995) over the attacks of the map, with attacks on attacks (undercuts)
 * flattened the usual way: an attack a→b succeeds when a is IN and every claim undercutting it is OUT, and
 * fails when a is OUT or some undercutter is IN. A claim is IN when every attack on it fails, OUT when some
 * attack on it succeeds, UNDEC otherwise. Supports do not take part. The labelling is the least fixpoint,
 * reached from "everything UNDEC".
 */

export type Label = 'IN' | 'OUT' | 'UNDEC';

const UNDEC = 0;
const IN = 1;
const OUT = 2;
const NAMES: Record<number, Label> = { [UNDEC]: 'UNDEC', [IN]: 'IN', [OUT]: 'OUT' };

type AttackState = 'succeeds' | 'fails' | 'open';

function attackState(e: Edge, label: Int8Array): AttackState {
	if (label[e.from] === OUT || e.undercutters.some((u) => label[u] === IN)) return 'fails';
	if (label[e.from] === IN && e.undercutters.every((u) => label[u] === OUT)) return 'succeeds';
	return 'open';
}

/** Labels by claim index. */
export function groundedLabels(graph: BipolarGraph): Int8Array {
	const n = graph.ids.length;
	const label = new Int8Array(n);
	const attacks = graph.incoming.map((edges) => edges.filter((e) => e.sign < 0));
	// Whom a claim's label can settle: the claims it attacks and the targets of the attacks it undercuts.
	const dependents: number[][] = Array.from({ length: n }, () => []);
	for (const e of graph.edges) {
		if (e.sign > 0) continue;
		dependents[e.from]!.push(e.to);
		for (const u of e.undercutters) dependents[u]!.push(e.to);
	}
	const queue: number[] = [];
	for (let i = 0; i < n; i++) queue.push(i);
	while (queue.length > 0) {
		const b = queue.pop()!;
		if (label[b] !== UNDEC) continue;
		const states = attacks[b]!.map((e) => attackState(e, label));
		const next = states.includes('succeeds') ? OUT : states.every((s) => s === 'fails') ? IN : UNDEC;
		if (next === UNDEC) continue;
		label[b] = next;
		for (const d of dependents[b]!) if (label[d] === UNDEC) queue.push(d);
	}
	return label;
}

export const labelName = (value: number): Label => NAMES[value]!;

/** Why a claim has its label, in plain words, naming the claims that decide it. */
export function labelReasonOf(
	graph: BipolarGraph,
	label: Int8Array,
	b: number,
	name: (i: number) => string
): string {
	const attacks = graph.incoming[b]!.filter((e) => e.sign < 0);
	const own = label[b];
	if (own === IN) {
		if (attacks.length === 0) return 'IN: nothing attacks it.';
		const why = attacks.map((e) => {
			if (label[e.from] === OUT) return `${name(e.from)} is OUT`;
			const u = e.undercutters.find((x) => label[x] === IN)!;
			return `the attack by ${name(e.from)} is undercut by ${name(u)}, which is IN`;
		});
		return `IN because every attack on it fails: ${why.join('; ')}.`;
	}
	if (own === OUT) {
		const e = attacks.find((a) => attackState(a, label) === 'succeeds')!;
		return `OUT because it is attacked by ${name(e.from)}, which is IN.`;
	}
	const open = attacks.filter((a) => attackState(a, label) === 'open');
	const why = open.map((e) =>
		label[e.from] === UNDEC
			? `${name(e.from)} is UNDEC too`
			: `the undercut of ${name(e.from)}'s attack by ${name(e.undercutters.find((u) => label[u] === UNDEC)!)} is UNDEC`
	);
	return `UNDEC: attacks on it stay unresolved (a cycle of attacks): ${why.join('; ')}.`;
}

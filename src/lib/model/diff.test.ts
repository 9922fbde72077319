import { describe, expect, it } from 'vitest';
import { planCommand, type Command } from './commands';
import { describeDiff, summarizeDiff } from './diff-text';
import { diffMaps, isEmptyDiff, planRestore } from './diff';
import { generateMap } from './generate';
import type { ArgMap } from './map';
import { checkInvariants } from './normalize';
import { applyOps } from './ops';
import { seededRandom } from './random';
import { mapOf } from './test-helpers';

const base = () =>
	mapOf(
		['q:question:Tea?', 't:thesis:Tea is good', 'a:claim:It is warm', 'b:claim:It stains'],
		['ans:t>answers>q', 'r1:a>supports>t', 'r2:b>attacks>t', 'u1:b>undercuts>r1']
	);

function run(map: ArgMap, ...cmds: Command[]): ArgMap {
	for (const cmd of cmds) {
		const plan = planCommand(map, cmd);
		if (!plan.ok) throw plan.error;
		map = applyOps(map, plan.value);
	}
	return map;
}

describe('diffMaps', () => {
	it('R147: an unchanged map has an empty diff', () => {
		expect(isEmptyDiff(diffMaps(base(), base()))).toBe(true);
	});

	it('R147: lists claims and relations added, removed and changed', () => {
		const before = base();
		const after = run(
			before,
			{
				type: 'addClaim',
				claim: { id: 'n', kind: 'evidence', text: 'A study' },
				link: { id: 'rn', kind: 'supports', to: 'a' }
			},
			{ type: 'editText', id: 'a', text: 'It is hot' },
			{ type: 'changeKind', id: 'b', kind: 'evidence' },
			{ type: 'changeRelation', id: 'r2', kind: 'supports' },
			{ type: 'deleteRelations', ids: ['ans'] },
			{ type: 'setTitle', title: 'Tea' }
		);
		const diff = diffMaps(before, after);
		expect(diff.title).toEqual({ before: 'test', after: 'Tea' });
		expect(diff.claims.added.map((c) => c.id)).toEqual(['n']);
		expect(diff.claims.removed).toEqual([]);
		expect(diff.claims.changed.map((c) => [c.after.id, c.fields])).toEqual([
			['a', ['text']],
			['b', ['kind']]
		]);
		expect(diff.relations.added.map((r) => r.id)).toEqual(['rn']);
		expect(diff.relations.removed.map((r) => r.id)).toEqual(['ans']);
		expect(diff.relations.changed.map((c) => [c.before.kind, c.after.kind])).toEqual([
			['attacks', 'supports']
		]);
		expect(summarizeDiff(diff)).toBe(
			'title changed, 1 claim added, 2 claims changed, 1 relation added, 1 relation removed, 1 relation changed'
		);
		const words = describeDiff(diff, before, after).map((l) => l.text);
		expect(words).toContain('Added evidence “A study”');
		expect(words).toContain('Changed the text of claim “It is warm” to “It is hot”');
		expect(words).toContain('Removed relation: “Tea is good” answers “Tea?”');
		expect(words).toContain(
			'Changed relation: “It stains” attacks “Tea is good” → “It stains” supports “Tea is good”'
		);
	});

	it('R147: moves count only when positions are asked for; removed claims are named', () => {
		const before = base();
		const after = run(
			before,
			{ type: 'move', positions: [{ id: 'a', x: 5, y: 6 }] },
			{ type: 'deleteClaims', ids: ['q'] }
		);
		expect(diffMaps(before, after).claims.changed).toEqual([]);
		expect(diffMaps(before, after, { positions: true }).claims.changed[0]?.fields).toEqual(['position']);
		expect(describeDiff(diffMaps(before, after), before, after).map((l) => l.text)).toEqual([
			'Removed question “Tea?”',
			'Removed relation: “Tea is good” answers “Tea?”'
		]);
	});
});

/** A random edit, as a person might make it (refused ones are skipped). */
function mutate(map: ArgMap, random: () => number, steps: number): ArgMap {
	let n = 0;
	for (let i = 0; i < steps; i++) {
		const claim = map.claims[Math.floor(random() * map.claims.length)];
		const other = map.claims[Math.floor(random() * map.claims.length)];
		const roll = random();
		const id = `x${n++}_${Math.floor(random() * 1e6)}`;
		const cmd: Command | undefined = !claim
			? undefined
			: roll < 0.2
				? {
						type: 'addClaim',
						claim: { id, kind: 'claim', text: `New ${id}`, x: 1, y: 2 },
						link: { id: `r${id}`, kind: 'attacks', to: claim.id }
					}
				: roll < 0.4
					? { type: 'editText', id: claim.id, text: `${claim.text} more` }
					: roll < 0.5
						? { type: 'deleteClaims', ids: [claim.id] }
						: roll < 0.6 && other
							? { type: 'connect', id: `c${id}`, kind: 'supports', from: claim.id, to: other.id }
							: roll < 0.7
								? { type: 'editDetails', id: claim.id, quote: roll < 0.65 ? 'q' : '', section: 'S' }
								: roll < 0.8
									? { type: 'move', positions: [{ id: claim.id, x: Math.round(random() * 500), y: 3 }] }
									: roll < 0.9
										? { type: 'changeKind', id: claim.id, kind: random() < 0.5 ? 'evidence' : 'claim' }
										: map.relations[0] && { type: 'deleteRelations', ids: [map.relations[0].id] };
		const plan = cmd && planCommand(map, cmd);
		if (plan?.ok) map = applyOps(map, plan.value);
	}
	return map;
}

describe('planRestore', () => {
	it('R150: restoring a version and diffing it with that version gives an empty diff (random maps)', () => {
		for (let seed = 1; seed <= 40; seed++) {
			const random = seededRandom(seed);
			const start = generateMap(15 + seed, seed);
			const saved = mutate(start, random, 10);
			const now = mutate(saved, random, 25);
			const ops = planRestore(now, saved);
			const restored = applyOps(now, ops);
			expect(checkInvariants(restored)).toEqual([]);
			expect(isEmptyDiff(diffMaps(restored, saved, { positions: true }))).toBe(true);
			expect(restored).toEqual(saved);
		}
	});

	it('R150: restoring the current map plans nothing; replaceMap is one command', () => {
		expect(planRestore(base(), base())).toEqual([]);
		const changed = run(base(), { type: 'deleteClaims', ids: ['a'] });
		const back = run(changed, { type: 'replaceMap', map: base() });
		expect(back).toEqual(base());
	});

	it('R150: replaceMap refuses a map that breaks the invariants', () => {
		const broken = {
			...base(),
			relations: [...base().relations, { ...base().relations[0]!, id: 'dup' }]
		} as ArgMap;
		const plan = planCommand(base(), { type: 'replaceMap', map: broken });
		expect(plan.ok).toBe(false);
	});
});

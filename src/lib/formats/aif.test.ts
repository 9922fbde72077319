import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { readAif, serializeAif } from './aif';
import { content, counts, must } from './test-helpers';

const CORPUS = '../shared/corpus/aif';

/**
 * Expected counts, taken with a separate Python script over the raw JSON (not this importer):
 * claims = number of nodes of type "I"; relations = for every RA, MA and CA node the number of
 * I-node premises times the number of I-node conclusions, plus for every CA pointing at an RA/MA/CA
 * node its I-node premises times the relations of that node. For nodeset110 also checked by hand:
 * 5 I-nodes; CA 1017 joins 1013 -> 1012 (1 attack), RA 1018 joins 1014, 1015, 1016 -> 1012 (3).
 */
const EXPECTED: Record<string, { claims: number; relations: number }> = {
	'aifdb-nodeset6064-arguebuf-roundtrip.json': { claims: 9, relations: 8 },
	'aifdb-nodeset6064-with-locutions.json': { claims: 9, relations: 5 },
	'araucaria-nodeset110-tiny.json': { claims: 5, relations: 4 },
	'araucaria-nodeset127-with-L-YA.json': { claims: 6, relations: 5 },
	'araucaria-nodeset137-two-CA.json': { claims: 7, relations: 6 },
	'xaif-empty.json': { claims: 0, relations: 0 },
	'xaif-small.json': { claims: 2, relations: 1 }
};

describe('AIF', () => {
	for (const [file, expected] of Object.entries(EXPECTED)) {
		it(`R82: imports corpus file ${file} with ${expected.claims} claims and ${expected.relations} relations`, () => {
			const imported = must(readAif(readFileSync(`${CORPUS}/${file}`, 'utf8')));
			expect(counts(imported)).toEqual(expected);
			expect(checkInvariants(imported.map)).toEqual([]);
			expect(imported.map.claims.every((c) => c.x !== undefined && c.y !== undefined)).toBe(true);
		});
	}

	it('R82: skips the dialogue layer (L, YA, TA) and says so', () => {
		const { warnings } = must(
			readAif(readFileSync(`${CORPUS}/aifdb-nodeset6064-with-locutions.json`, 'utf8'))
		);
		expect(warnings.join()).toMatch(/16 L, 14 YA, 8 TA/);
	});

	it('R82: reads OVA3 positions and numeric ids', () => {
		const ova = must(readAif(readFileSync(`${CORPUS}/xaif-small.json`, 'utf8'))).map;
		expect(ova.claims.find((c) => c.text === 'A')).toMatchObject({ x: 273, y: 140 });
		const numeric = JSON.stringify({
			nodes: [
				{ nodeID: 1, text: 'Conclusion', type: 'I' },
				{ nodeID: 2, text: 'Reason', type: 'I' },
				{ nodeID: 3, text: 'Default Inference', type: 'RA' },
				{ nodeID: 4, text: 'Objection to the inference', type: 'I' },
				{ nodeID: 5, text: 'Default Conflict', type: 'CA' }
			],
			edges: [
				{ edgeID: 1, fromID: 2, toID: 3 },
				{ edgeID: 2, fromID: 3, toID: 1 },
				{ edgeID: 3, fromID: 4, toID: 5 },
				{ edgeID: 4, fromID: 5, toID: 3 }
			]
		});
		expect(content(must(readAif(numeric)).map).relations).toEqual([
			'Objection to the inference undercuts (Reason supports Conclusion)',
			'Reason supports Conclusion'
		]);
	});

	it('R82: writes supports as RA nodes, attacks as CA nodes and an undercut as a CA node aimed at the RA node', () => {
		const map = mapOf(
			['t:thesis:T', 'a:claim:A', 'b:claim:B', 'u:claim:U'],
			['r1:a>supports>t', 'r2:b>attacks>t', 'r3:u>undercuts>r1']
		);
		const doc = JSON.parse(serializeAif(map));
		const type = (id: string) => doc.nodes.find((n: { nodeID: string }) => n.nodeID === id)?.type;
		expect([type('t'), type('r1'), type('r2'), type('r3')]).toEqual(['I', 'RA', 'CA', 'CA']);
		const edges = doc.edges.map((e: { fromID: string; toID: string }) => `${e.fromID}>${e.toID}`);
		expect(edges).toEqual(expect.arrayContaining(['a>r1', 'r1>t', 'b>r2', 'r2>t', 'u>r3', 'r3>r1']));
	});

	it('R82: round trip of the article map keeps ids, kinds, texts, quotes, sections, positions and relations', () => {
		const map = articleMap();
		const back = must(readAif(serializeAif(map))).map;
		expect(back).toEqual(map);
	});

	it('R82: refuses broken files with the field at fault', () => {
		const bad = (doc: unknown) => {
			const r = readAif(typeof doc === 'string' ? doc : JSON.stringify(doc));
			return r.ok ? 'accepted' : r.error.message;
		};
		expect(bad({ nodes: {} })).toMatch(/^AIF nodes: /);
		expect(bad({ nodes: [{ nodeID: 'a', text: 'x' }], edges: [] })).toMatch(/^AIF nodes\[0\]\.type: /);
		expect(bad({ nodes: [{ nodeID: 'a', text: '  ', type: 'I' }], edges: [] })).toMatch(
			/^AIF nodes\[0\]: A claim needs some text/
		);
		expect(
			bad({ nodes: [{ nodeID: 'a', text: 'x', type: 'I' }], edges: [{ fromID: 'a', toID: 'zz' }] })
		).toMatch(/^AIF edges\[0\]\.toID: /);
		expect(bad({ AIF: { nodes: [{ nodeID: null, type: 'I' }], edges: [] } })).toMatch(
			/^AIF AIF\.nodes\[0\]\.nodeID: /
		);
		expect(bad('{"nodes": [\n  {"nodeID": 1,, }]}')).toMatch(/^AIF line 2, column \d+: /);
	});
});

describe('AIF limits', () => {
	it('R81: a file offering more relations than a map may hold is refused, quickly', () => {
		const n = 300;
		const nodes = [
			...Array.from({ length: n }, (_, i) => ({ nodeID: `p${i}`, text: `P${i}`, type: 'I' })),
			...Array.from({ length: n }, (_, i) => ({ nodeID: `u${i}`, text: `U${i}`, type: 'I' })),
			{ nodeID: 'c', text: 'C', type: 'I' },
			{ nodeID: 'ra', text: 'RA', type: 'RA' },
			{ nodeID: 'ca', text: 'CA', type: 'CA' }
		];
		const edges = [
			...Array.from({ length: n }, (_, i) => ({ fromID: `p${i}`, toID: 'ra' })),
			{ fromID: 'ra', toID: 'c' },
			...Array.from({ length: n }, (_, i) => ({ fromID: `u${i}`, toID: 'ca' })),
			{ fromID: 'ca', toID: 'ra' }
		];
		const started = performance.now();
		const r = readAif(JSON.stringify({ nodes, edges }));
		expect(!r.ok && r.error.message).toMatch(/^AIF: .*at most 60000 relations/);
		expect(performance.now() - started).toBeLessThan(10_000);
	});
});

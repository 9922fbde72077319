import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { readKialo, serializeKialo } from './kialo';
import { content, must } from './test-helpers';

const NESTED = `Discussion Title: Should cities ban cars?

1. Cities should ban cars from their centres.
1.1. Pro: Cars pollute the air people breathe.
1.1.1. Con: Electric cars do not pollute the streets.
1.1.1.1. Pro: Their share grows every year.
1.2. Con: Shops in the centre would lose customers.
1.2.1. Pro: -> See 1.1.1.
1.3. Pro: Streets without cars are safer for children.
`;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('Kialo files', () => {
	it('R84: kialo-nested-links.txt: 11 numbered lines, 3 of them links, give 8 claims and 10 relations', () => {
		// Counted by hand: every numbered line but the root is one relation; links add no claim.
		const { map } = must(readKialo(fixture('kialo-nested-links.txt')));
		expect([map.claims.length, map.relations.length]).toEqual([8, 10]);
		const kinds = map.relations.map((r) => r.kind);
		expect([
			kinds.filter((k) => k === 'supports').length,
			kinds.filter((k) => k === 'attacks').length
		]).toEqual([6, 4]);
		expect(content(map, { kinds: false }).relations).toEqual(
			expect.arrayContaining([
				'Small shops cannot afford to move their deliveries to the night. supports Delivery vans would still be allowed at night.',
				'Shops in the centre depend on customers who drive. attacks Streets without cars are safer for children.'
			])
		);
	});

	it('R84: kialo-crlf-escapes.txt: byte order mark, CRLF, continuation lines and escapes', () => {
		const text = fixture('kialo-crlf-escapes.txt');
		expect(text.startsWith('\uFEFF') && text.includes('\r\n')).toBe(true);
		const { map } = must(readKialo(text));
		expect(map.title).toBe('Is *decaf* real coffee?');
		expect(content(map, { kinds: false }).claims).toEqual([
			'Decaf [decaffeinated coffee] is real coffee.',
			'It is brewed from the same beans (Arabica or Robusta).\nThe caffeine is removed before roasting,\nnot after.',
			'People drink coffee for its taste > caffeine\\ alone.',
			'Without caffeine it lacks the _point_ of coffee # for many.'
		]);
		expect(map.relations).toHaveLength(4);
		expect(content(must(readKialo(serializeKialo(map))).map)).toEqual(content(map));
	});
});

describe('Kialo', () => {
	it('R84: reads nested numbering into claims and pro/con relations', () => {
		const { map } = must(readKialo(NESTED));
		expect(map.title).toBe('Should cities ban cars?');
		expect(map.claims).toHaveLength(6);
		expect(map.relations).toHaveLength(6);
		expect(checkInvariants(map)).toEqual([]);
		const { relations } = content(map);
		expect(relations).toContain(
			'Electric cars do not pollute the streets. attacks Cars pollute the air people breathe.'
		);
		expect(relations).toContain(
			'Electric cars do not pollute the streets. supports Shops in the centre would lose customers.'
		);
		expect(map.claims.find((c) => c.text.startsWith('Cities'))?.kind).toBe('thesis');
		expect(map.claims.every((c) => c.x !== undefined)).toBe(true);
	});

	it('R84: reads CRLF line endings, a byte order mark and escaped Markdown', () => {
		const text =
			'\uFEFFDiscussion Title: Escapes\r\n\r\n1. A \\*starred\\* \\[claim\\] with a \\_\\_dunder\\_\\_ and 3\\.5 \\# signs\r\n' +
			'1.1. Con: Second\\\\line\r\ncontinues here\r\n';
		const { map } = must(readKialo(text));
		expect(content(map, { kinds: false }).claims).toEqual([
			'A *starred* [claim] with a __dunder__ and 3.5 # signs',
			'Second\\line\ncontinues here'
		]);
	});

	it('R84: a root with unlabelled children is a question answered by theses', () => {
		const text = `Discussion Title: Q\n\n1. Which way?\n1.1. Left is best.\n1.1.1. Pro: It is shorter.\n1.2. Right is best.\n`;
		const { map } = must(readKialo(text));
		expect(content(map).relations).toEqual([
			'It is shorter. supports Left is best.',
			'Left is best. answers Which way?',
			'Right is best. answers Which way?'
		]);
		expect(content(map).claims).toContain('question: Which way?');
	});

	it('R84: follows a link to a claim further down, and keeps a title with Markdown marks', () => {
		const text =
			'Discussion Title: Tea \\*or\\* coffee?\n\n1. Tea\n1.1. Pro: -> See 1.2.1.\n1.2. Con: Coffee\n1.2.1. Con: Warmth\n';
		const { map } = must(readKialo(text));
		expect(map.title).toBe('Tea *or* coffee?');
		expect(content(map, { kinds: false }).relations).toEqual([
			'Coffee attacks Tea',
			'Warmth attacks Coffee',
			'Warmth supports Tea'
		]);
		expect(serializeKialo(map)).toMatch(/^Discussion Title: Tea \\\*or\\\* coffee\?\n/);
	});

	it('R84: refuses bad numbering and dangling links with the line', () => {
		const orphan = readKialo('Discussion Title: x\n\n1. A\n1.2.1. Pro: B\n');
		expect(!orphan.ok && orphan.error.message).toMatch(/^Kialo line 4: .*before its parent 1\.2\./);
		const dangling = readKialo('Discussion Title: x\n\n1. A\n1.1. Pro: -> See 1.7.\n');
		expect(!dangling.ok && dangling.error.message).toMatch(/^Kialo line 4: .*1\.7/);
		const junk = readKialo('hello\n1. A\n');
		expect(!junk.ok && junk.error.message).toMatch(/^Kialo line 1:/);
		const empty = readKialo('Discussion Title: x\n\n1. A\n1.1. Pro: \n');
		expect(!empty.ok && empty.error.message).toMatch(/^Kialo line 4: A claim needs some text/);
	});

	it('R84: writes a claim reached twice once, then as -> See', () => {
		const map = mapOf(
			['t:thesis:T', 'a:claim:A', 'b:claim:B', 'c:claim:C'],
			['r1:a>supports>t', 'r2:b>attacks>t', 'r3:c>supports>a', 'r4:c>supports>b']
		);
		const text = serializeKialo(map);
		expect(text).toBe(
			'Discussion Title: test\n\n1. T\n1.1. Pro: A\n1.1.1. Pro: C\n1.2. Con: B\n1.2.1. Pro: -> See 1.1.1.\n'
		);
		expect(content(must(readKialo(text)).map)).toEqual(content(map));
	});

	it('R84: round trip of the article map keeps every claim text and every support and attack', () => {
		const map = articleMap();
		const back = must(readKialo(serializeKialo(map))).map;
		const before = content(map, { kinds: false });
		const after = content(back, { kinds: false });
		expect(after.claims).toEqual(before.claims);
		// Undercuts become objections to the reason they concern; everything else is kept.
		const plain = (rs: string[]) => rs.filter((r) => !r.includes(' undercuts '));
		expect(plain(after.relations)).toEqual(expect.arrayContaining(plain(before.relations)));
		expect(after.relations).toHaveLength(before.relations.length);
		expect(content(back).claims).toContain('question: Will Russia and China form an alliance?');
	});
});

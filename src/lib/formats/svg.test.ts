import { describe, expect, it } from 'vitest';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed/index';
import { COMB_TARGET_X } from '../view/route';
import { COLORS } from '../view/style';
import { escapeXml, renderSvg, SVG_COLORS } from './svg';
import { xmlProblem } from './xml-check';

/** Claim texts a person could type to break out of the picture. */
const HOSTILE = [
	'<script>alert(1)</script>',
	'"><svg onload=alert(2)>',
	'It\'s & "quoted" &amp; &lt;b&gt; &#x3C;',
	']]><foreignObject><iframe src="javascript:alert(3)"/></foreignObject>',
	'<!-- comment --> <?xml-stylesheet href="evil.css"?> <!DOCTYPE x [<!ENTITY e "boom">]> &e;',
	'control\u0001chars\u0008and \ud800 lone surrogates \udfff and 😀 emoji',
	'<a xlink:href="http://evil.test">link</a> url(http://evil.test) <image href="x.png"/>'
];

const hostileMap = () =>
	mapOf(
		[
			`q:question:${HOSTILE[0]}`,
			`t:thesis:${HOSTILE[1]}`,
			`a:claim:${HOSTILE[2]}`,
			`b:evidence:${HOSTILE[3]}`,
			`c:claim:${HOSTILE[4]}`,
			`d:claim:${HOSTILE[5]}`,
			`e:evidence:${HOSTILE[6]}`
		],
		[
			'ans:t>answers>q',
			'r1:a>supports>t',
			'r2:b>attacks>t',
			'r3:c>supports>a',
			'u1:d>undercuts>r1',
			'r4:e>supports>b'
		]
	);

/** The text content of every <tspan>, entities decoded: what a viewer shows. */
const shownText = (svg: string) =>
	[...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)]
		.map((m) =>
			m[1]!
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&apos;/g, "'")
				.replace(/&amp;/g, '&')
		)
		.join(' ');

describe('SVG export', () => {
	it('R90: hostile claim text gives well-formed XML with no script, event attribute, foreignObject or reference', () => {
		const svg = renderSvg(hostileMap());
		expect(xmlProblem(svg)).toBeUndefined();
		const tags = [...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]);
		expect(new Set(tags)).toEqual(
			new Set(['svg', 'title', 'rect', 'g', 'line', 'polygon', 'path', 'text', 'tspan'])
		);
		const attributes = [...svg.matchAll(/\s([a-zA-Z:-]+)="/g)].map((m) => m[1]!);
		expect(attributes.filter((a) => /^on/i.test(a) || /href/i.test(a) || a === 'style')).toEqual([]);
		const markup = svg.replace(/>[^<]*</g, '><');
		expect(markup).not.toMatch(/url\(|<script|<foreignObject|<!DOCTYPE|<!ENTITY|javascript:/i);
	});

	it('R90: every claim text is shown as text, word for word (characters XML cannot carry dropped)', () => {
		const shown = shownText(renderSvg(hostileMap())).replace(/\s+/g, ' ');
		for (const text of HOSTILE) {
			const expected = text
				.replaceAll('\u0001', '')
				.replaceAll('\u0008', '')
				.replace(' \ud800 ', '  ')
				.replace(' \udfff ', '  ');
			for (const word of expected.split(/\s+/).filter((w) => w.length < 20)) expect(shown).toContain(word);
		}
		expect(shown).toContain('😀');
	});

	it('R90: escapeXml escapes the five XML specials and drops non-characters', () => {
		expect(escapeXml(`<a href="x">'&'</a>\u0000\uffff`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;'
		);
	});

	it('R90: draws every claim, every relation and a marker per undercut relation, in the diagram colours', () => {
		const map = articleMap();
		const svg = renderSvg(map);
		expect(xmlProblem(svg)).toBeUndefined();
		expect(svg.match(/<g class="claim /g)).toHaveLength(map.claims.length);
		expect(svg.match(/<g class="relation /g)).toHaveLength(map.relations.length);
		const undercut = new Set(map.relations.filter((r) => r.kind === 'undercuts').map((r) => r.to));
		expect(svg.match(/class="junction"/g) ?? []).toHaveLength(undercut.size);
		expect(svg).toContain('stroke-dasharray="8 4"');
		for (const c of map.claims.slice(0, 5)) expect(svg).toContain(escapeXml(c.text.split(' ')[0]!));
		expect(renderSvg(map)).toBe(svg);
	});

	it('R90: the picture covers every claim box, with a white or transparent background', () => {
		const map = articleMap();
		const svg = renderSvg(map);
		const [, x, y, w, h] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number);
		for (const c of map.claims) {
			expect(c.x! - 105).toBeGreaterThanOrEqual(x!);
			expect(c.x! + 105).toBeLessThanOrEqual(x! + w!);
			expect(c.y!).toBeGreaterThanOrEqual(y!);
			expect(c.y!).toBeLessThanOrEqual(y! + h!);
		}
		expect(svg).toMatch(/<rect [^>]*fill="#ffffff"\/>/);
		const clear = renderSvg(map, { background: null });
		expect(clear.match(/<rect /g)!.length).toBe(svg.match(/<rect /g)!.length - 1);
	});

	it('R90: claims without positions are laid out; an empty map is still a picture', () => {
		const svg = renderSvg(hostileMap());
		expect(svg).not.toContain('NaN');
		const empty = renderSvg({ title: 'Empty & <new>', claims: [], relations: [] });
		expect(xmlProblem(empty)).toBeUndefined();
		expect(empty).toContain('<title>Empty &amp; &lt;new&gt;</title>');
	});

	it('R90: colours and comb geometry are those of the on-screen diagram (view/style.ts, view/route.ts)', () => {
		for (const [key, value] of Object.entries(SVG_COLORS)) {
			expect(COLORS[key as keyof typeof COLORS]).toBe(value);
		}
		expect(COMB_TARGET_X).toBe(-0.4);
	});
});

describe('xmlProblem', () => {
	it('finds what breaks well-formedness', () => {
		expect(xmlProblem('<a><b/></a>')).toBeUndefined();
		expect(xmlProblem('<a>x & y</a>')).toMatch(/bare "&"/);
		expect(xmlProblem('<a><b></a>')).toBeDefined();
		expect(xmlProblem('<a x="1" x="2"/>')).toMatch(/twice/);
		expect(xmlProblem('<a x=1/>')).toMatch(/quoted/);
		expect(xmlProblem('<a>\u0001</a>')).toMatch(/cannot carry/);
		expect(xmlProblem('<a/><b/>')).toMatch(/second root/);
		expect(xmlProblem('<a>\ud800</a>')).toMatch(/surrogate/);
	});
});

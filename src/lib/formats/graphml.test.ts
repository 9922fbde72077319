import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { readGraphml, serializeGraphml } from './graphml';
import { HOSTILE } from './hostile.test-data';
import { content, must } from './test-helpers';
import { parseXml } from './xml';

const hostileMap = () =>
	mapOf(
		HOSTILE.map((t, i) => `h${i}:${i === 0 ? 'thesis' : 'claim'}:${t}`),
		HOSTILE.slice(1).map((_, i) => `r${i}:h${i + 1}>${i % 2 ? 'attacks' : 'supports'}>h0`)
	);

describe('GraphML', () => {
	it('R85: round trip of the article map keeps everything, undercuts included', () => {
		const map = articleMap();
		expect(must(readGraphml(serializeGraphml(map))).map).toEqual(map);
	});

	it('R85: hostile text survives and the file stays well-formed', () => {
		const map = hostileMap();
		const xml = serializeGraphml(map);
		expect(xml).not.toContain('<script');
		expect(parseXml(xml).ok).toBe(true);
		const back = must(readGraphml(xml)).map;
		expect(content(back)).toEqual(content(map));
		expect(checkInvariants(back)).toEqual([]);
	});

	it('R85: carries kind and text as data keys and yEd labels', () => {
		const xml = serializeGraphml(mapOf(['t:thesis:Tea & <cake>'], []));
		expect(xml).toContain('<key id="kind" for="node" attr.name="kind" attr.type="string"/>');
		expect(xml).toContain('<data key="kind">thesis</data><data key="text">Tea &amp; &lt;cake&gt;</data>');
		expect(xml).toContain('<y:NodeLabel>Tea &amp; &lt;cake&gt;</y:NodeLabel>');
	});

	it('R85: reads plain GraphML without our keys as claims and supports', () => {
		const xml = `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="d0">Conclusion</data></node>
    <node id="n1"><data key="d0"><![CDATA[Reason <with> markup]]></data></node>
    <edge source="n1" target="n0"/>
  </graph>
</graphml>`;
		expect(content(must(readGraphml(xml)).map).relations).toEqual([
			'Reason <with> markup supports Conclusion'
		]);
	});

	it('R85: errors name the line', () => {
		const msg = (xml: string) => {
			const r = readGraphml(xml);
			return r.ok ? 'accepted' : r.error.message;
		};
		const head = '<graphml><key id="k" for="node" attr.name="kind"/>\n<graph>\n';
		expect(msg(`${head}<node id="a"><data key="k">wizard</data></node>\n</graph></graphml>`)).toMatch(
			/^GraphML line 3: This kind/
		);
		expect(
			msg(
				`${head}<node id="a"><data key="text">x</data></node>\n<edge source="a" target="b"/>\n</graph></graphml>`
			)
		).toMatch(/^GraphML line 4 target: There is no claim/);
		expect(msg(`${head}<node id="a">\n</graph></graphml>`)).toMatch(
			/^GraphML line 4: .*<\/graph> does not close <node> \(line 3\)/
		);
		expect(msg(`${head}<node id="a"><data key="text">fish & chips</data></node></graph></graphml>`)).toMatch(
			/^GraphML line 3: .*an "&"/
		);
		expect(msg('<!DOCTYPE x [<!ENTITY a "b">]><graphml/>')).toMatch(/^GraphML line 1: .*a DTD/);
		expect(msg('<other/>')).toMatch(/^GraphML line 1: .*<graphml> root/);
		expect(msg(`${head}<node id="a"><data key="text"> </data></node></graph></graphml>`)).toMatch(
			/^GraphML line 3: A claim needs some text/
		);
	});
});

describe('XML reader', () => {
	it('R85: decodes entities, character references, CDATA and attribute values', () => {
		const doc = must(
			parseXml(
				'<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; &#x32;" y=\'&quot;\'>t&lt;&#233;<![CDATA[<&>]]><b/></a>'
			)
		);
		expect(doc).toMatchObject({ name: 'a', attrs: { x: '1 & 2', y: '"' }, text: 't<é<&>' });
		expect(doc.children.map((c) => c.name)).toEqual(['b']);
	});

	it('R85: refuses what is not well-formed, with the line', () => {
		const bad = [
			'<a>',
			'<a></b>',
			'<a x=1/>',
			'<a x="1" x="2"/>',
			'<a/><b/>',
			'text',
			'<a>&bogus;</a>',
			'<a>\u0001</a>',
			'<a><</a>'
		];
		for (const xml of bad) {
			const r = parseXml(xml);
			expect(r.ok, xml).toBe(false);
			expect(!r.ok && r.error.message).toMatch(/^XML line \d+: /);
		}
	});
});

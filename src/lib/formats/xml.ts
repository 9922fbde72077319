import { fail, ok, type Result } from '../model';

/**
 * A small strict XML reader for the formats that need one (GraphML), so imports run the same in the
 * browser and on the server without a DOM. Elements, attributes, text, CDATA, comments and
 * processing instructions; the five predefined entities and character references. A DTD is
 * refused (no entity expansion, no external references), as is anything not well-formed.
 */

export interface XmlElement {
	/** The tag name without its namespace prefix. */
	readonly name: string;
	readonly attrs: Readonly<Record<string, string>>;
	readonly children: readonly XmlElement[];
	/** The element's own text (its text and CDATA children joined). */
	readonly text: string;
	readonly line: number;
}

interface Building {
	name: string;
	qname: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	text: string;
	line: number;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Characters XML 1.0 allows in a document. */
export const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses a whole document; errors read "<label> line L: …". */
export function parseXml(source: string, label = 'XML'): Result<XmlElement> {
	const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	let pos = 0;
	let line = 1;
	const advance = (to: number) => {
		for (let i = pos; i < to; i++) if (text.charCodeAt(i) === 10) line++;
		pos = to;
	};
	const error = (detail: string) => fail<XmlElement>('BAD_FORMAT', `${label} line ${line}`, detail);
	const decode = (raw: string): string | undefined => {
		let bad = false;
		const out = raw.replace(/&([^;&\s]*);?/g, (all, ref: string) => {
			if (!all.endsWith(';')) return ((bad = true), '');
			if (ref in ENTITIES) return ENTITIES[ref]!;
			const code = /^#x[0-9a-fA-F]+$/.test(ref)
				? parseInt(ref.slice(2), 16)
				: /^#[0-9]+$/.test(ref)
					? parseInt(ref.slice(1), 10)
					: NaN;
			const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
			if (!char || !XML_CHAR.test(char)) bad = true;
			return char;
		});
		return bad ? undefined : out;
	};
	if (!XML_CHAR.test(text)) {
		const at = text.search(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
		advance(Math.max(0, at));
		return error('a character XML does not allow');
	}
	const stack: Building[] = [];
	let root: XmlElement | undefined;
	const addText = (raw: string, decoded?: string) => {
		const top = stack.at(-1);
		if (top) top.text += decoded ?? raw;
		return top !== undefined || raw.trim() === '';
	};
	while (pos < text.length) {
		const lt = text.indexOf('<', pos);
		const chunk = text.slice(pos, lt === -1 ? text.length : lt);
		if (chunk) {
			const decoded = decode(chunk);
			if (decoded === undefined) return error('an "&" that starts no known entity (write &amp;)');
			if (!addText(chunk, decoded)) return error('text outside the root element');
			advance(pos + chunk.length);
		}
		if (lt === -1) break;
		const closeAt = (marker: string) => {
			const end = text.indexOf(marker, pos);
			return end === -1 ? undefined : end + marker.length;
		};
		if (text.startsWith('<!--', pos)) {
			const end = closeAt('-->');
			if (end === undefined) return error('a comment that is never closed');
			advance(end);
		} else if (text.startsWith('<![CDATA[', pos)) {
			const end = closeAt(']]>');
			if (end === undefined) return error('a CDATA section that is never closed');
			if (!addText(text.slice(pos + 9, end - 3))) return error('text outside the root element');
			advance(end);
		} else if (text.startsWith('<?', pos)) {
			const end = closeAt('?>');
			if (end === undefined) return error('a processing instruction that is never closed');
			advance(end);
		} else if (text.startsWith('<!', pos)) {
			return error('a DTD or declaration, which this reader does not accept');
		} else if (text.startsWith('</', pos)) {
			NAME.lastIndex = pos + 2;
			const m = NAME.exec(text);
			const end = text.indexOf('>', pos);
			const top = stack.pop();
			if (!m || end === -1 || text.slice(NAME.lastIndex, end).trim() !== '') return error('a broken end tag');
			if (!top || top.qname !== m[0]) {
				return error(
					`</${m[0]}> does not close ${top ? `<${top.qname}> (line ${top.line})` : 'any element'}`
				);
			}
			const done: XmlElement = { ...top };
			const parent = stack.at(-1);
			if (parent) parent.children.push(done);
			else root = done;
			advance(end + 1);
		} else {
			if (root) return error('a second root element');
			NAME.lastIndex = pos + 1;
			const m = NAME.exec(text);
			if (!m) return error('a "<" that starts no tag (write &lt;)');
			const el: Building = { name: local(m[0]), qname: m[0], attrs: {}, children: [], text: '', line };
			let at = NAME.lastIndex;
			for (;;) {
				const ws = /\s*/y;
				ws.lastIndex = at;
				ws.exec(text);
				const gap = ws.lastIndex > at;
				at = ws.lastIndex;
				if (text.startsWith('/>', at) || text[at] === '>') break;
				NAME.lastIndex = at;
				const attr = gap ? NAME.exec(text) : null;
				const value = attr && /\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
				if (!attr || !value) return (advance(at), error(`a broken attribute in <${m[0]}>`));
				value.lastIndex = NAME.lastIndex;
				const v = value.exec(text);
				if (!v) return (advance(at), error(`attribute ${attr[0]} of <${m[0]}> needs a quoted value`));
				const decoded = decode((v[2] ?? v[3] ?? '').replace(/[\t\n]/g, ' '));
				if (decoded === undefined)
					return (advance(at), error(`an "&" in attribute ${attr[0]} (write &amp;)`));
				if (attr[0] in el.attrs) return (advance(at), error(`attribute ${attr[0]} given twice`));
				el.attrs[attr[0]] = decoded;
				at = value.lastIndex;
			}
			const selfClosing = text.startsWith('/>', at);
			advance(at + (selfClosing ? 2 : 1));
			if (selfClosing) {
				const parent = stack.at(-1);
				if (parent) parent.children.push(el);
				else root = el;
			} else stack.push(el);
		}
	}
	if (stack.length) {
		const open = stack.at(-1)!;
		return error(`<${open.qname}> (line ${open.line}) is never closed`);
	}
	if (!root) return error('no root element');
	return ok(root);
}

/** Escapes text for element content and attribute values; characters XML cannot hold become U+FFFD. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\r/g, '&#13;');
}

/**
 * A strict XML 1.0 well-formedness check for tests of the codecs that write XML (SVG, GraphML):
 * one root element, balanced tags, quoted attributes without duplicates, only the five predefined
 * entities and character references, no character XML cannot carry. Returns the first problem with
 * its offset, or undefined for a well-formed document. No DTDs or CDATA: our writers emit neither.
 */
export function xmlProblem(text: string): string | undefined {
	const NAME = /^[A-Za-z_:][\w.:-]*/;
	const REF = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
	// eslint-disable-next-line no-control-regex
	const BAD_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
	const stack: string[] = [];
	let roots = 0;
	let i = 0;
	const at = (what: string) => `${what} at offset ${i}`;
	const checkText = (s: string, start: number): string | undefined => {
		if (BAD_CHAR.test(s)) return `a character XML cannot carry at offset ${start + s.search(BAD_CHAR)}`;
		for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) {
			if (!REF.test(s.slice(k))) return `a bare "&" at offset ${start + k}`;
		}
		for (let k = 0; k < s.length; k++) {
			const code = s.charCodeAt(k);
			const high = code >= 0xd800 && code <= 0xdbff;
			const low = code >= 0xdc00 && code <= 0xdfff;
			if (high && !(s.charCodeAt(k + 1) >= 0xdc00 && s.charCodeAt(k + 1) <= 0xdfff))
				return `a lone surrogate at offset ${start + k}`;
			if (high) k++;
			else if (low) return `a lone surrogate at offset ${start + k}`;
		}
		return undefined;
	};
	if (text.startsWith('<?xml')) {
		const end = text.indexOf('?>');
		if (end < 0) return 'an unterminated XML declaration';
		i = end + 2;
	}
	while (i < text.length) {
		const lt = text.indexOf('<', i);
		const chunk = text.slice(i, lt < 0 ? text.length : lt);
		if (chunk.includes('>') && chunk.includes(']]>')) return at('"]]>" in text');
		if (stack.length === 0 && chunk.trim() !== '') return at('text outside the root element');
		const bad = checkText(chunk, i);
		if (bad) return bad;
		if (lt < 0) break;
		i = lt;
		if (text.startsWith('<!--', i)) {
			const end = text.indexOf('-->', i + 4);
			if (end < 0 || text.slice(i + 4, end).includes('--')) return at('a bad comment');
			i = end + 3;
			continue;
		}
		if (text.startsWith('<?', i)) {
			const end = text.indexOf('?>', i);
			if (end < 0) return at('an unterminated processing instruction');
			i = end + 2;
			continue;
		}
		if (text.startsWith('<!', i)) return at('a DTD or CDATA section');
		if (text.startsWith('</', i)) {
			const name = NAME.exec(text.slice(i + 2))?.[0];
			const close = text.indexOf('>', i);
			if (!name || close < 0 || text.slice(i + 2 + name.length, close).trim() !== '')
				return at('a bad end tag');
			if (stack.pop() !== name) return at(`an end tag </${name}> that closes nothing open`);
			i = close + 1;
			continue;
		}
		const name = NAME.exec(text.slice(i + 1))?.[0];
		if (!name) return at('a "<" that starts no tag');
		if (stack.length === 0 && roots++ > 0) return at('a second root element');
		i += 1 + name.length;
		const seen = new Set<string>();
		for (;;) {
			const space = /^\s*/.exec(text.slice(i))![0].length;
			i += space;
			if (text.startsWith('/>', i)) {
				i += 2;
				break;
			}
			if (text[i] === '>') {
				stack.push(name);
				i += 1;
				break;
			}
			if (space === 0) return at(`no space before an attribute of <${name}>`);
			const attr = NAME.exec(text.slice(i))?.[0];
			if (!attr) return at(`a bad attribute in <${name}>`);
			if (seen.has(attr)) return at(`attribute ${attr} twice in <${name}>`);
			seen.add(attr);
			i += attr.length;
			const eq = /^\s*=\s*(["'])/.exec(text.slice(i));
			if (!eq) return at(`attribute ${attr} without a quoted value`);
			i += eq[0].length;
			const end = text.indexOf(eq[1]!, i);
			if (end < 0) return at(`an unterminated value of ${attr}`);
			const value = text.slice(i, end);
			if (value.includes('<')) return at(`a "<" in the value of ${attr}`);
			const badValue = checkText(value, i);
			if (badValue) return badValue;
			i = end + 1;
		}
	}
	if (stack.length > 0) return `<${stack.at(-1)}> is never closed`;
	if (roots === 0) return 'no root element';
	return undefined;
}

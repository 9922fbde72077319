/** Longest claim name in sentences, in characters: enough to recognise a claim, short enough to read on. */
const NAME_MAX = 48;

/** A claim's text cut at a word boundary to at most {@link NAME_MAX} characters, with an ellipsis. */
export function shorten(text: string, max = NAME_MAX): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A number in [0, 1] as people read it in the interface: two decimals. */
export const fmt = (x: number) => x.toFixed(2);

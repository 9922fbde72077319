import type { TextFormat } from './index';

/** Formats named by a file's extension; `.json` and `.md` are decided by the content. */
const BY_EXTENSION: Record<string, TextFormat> = {
	argdown: 'argdown',
	ad: 'argdown',
	aif: 'aif',
	graphml: 'graphml',
	xml: 'graphml'
};

/** How much of the text the heuristics look at: enough for any header, cheap on a 5 MiB file. */
const HEAD = 4096;

function fromJson(head: string): TextFormat | undefined {
	if (/"format"\s*:\s*"argmap"/.test(head)) return 'json';
	if (/"(nodes|AIF|edges|locutions)"\s*:/.test(head)) return 'aif';
	return undefined;
}

/**
 * Guesses the format of a file to import from its name and first few kilobytes (R80). Cheap
 * heuristics, no parsing: the codec then validates for real. Markdown is export-only, so a `.md`
 * file is read as Argdown when it holds ```argdown blocks. Undefined when nothing fits.
 */
export function detectFormat(text: string, filename?: string): TextFormat | undefined {
	const head = text.slice(0, HEAD).replace(/^\uFEFF/, '');
	const trimmed = head.trimStart();
	const ext = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
	if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
	if (trimmed.startsWith('{')) return fromJson(head);
	if (trimmed.startsWith('<')) return /<graphml[\s>]/.test(head) ? 'graphml' : undefined;
	if (/^Discussion Title:/.test(trimmed)) return 'kialo';
	if (/^```argdown\s*$/m.test(ext === 'md' ? text : head)) return 'argdown';
	if (ext === 'md' || ext === 'json') return undefined;
	if (/^1\.\s/m.test(trimmed) && /^1\.1\.\s+(Pro|Con):/m.test(head)) return 'kialo';
	if (/^\s*(\[[^\]\n]+\]|<[^>\n]+>):?/m.test(head) || /^===\s*$/m.test(head)) return 'argdown';
	return undefined;
}

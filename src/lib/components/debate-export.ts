import type { Editor } from './editor.svelte';

/** A file name from a map title: lower case words joined by dashes. */
export function fileStem(title: string): string {
	return (
		title
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'map'
	);
}

/** Saves bytes or text as a file (the browser's download). */
export function download(name: string, data: BlobPart, type: string) {
	const url = URL.createObjectURL(new Blob([data], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds the debate brief of the map as it is now and saves it as Markdown or PDF (R122, R123). */
export async function exportBrief(editor: Editor, format: 'markdown' | 'pdf') {
	const { buildBrief, briefMarkdown } = await import('$lib/formats/brief');
	const { claims, relations } = editor.ratings;
	let votes = 0;
	for (const list of [...claims.values(), ...relations.values()]) votes += list.length;
	const brief = buildBrief(editor.map, editor.sides, editor.evaluation, { votes });
	const stem = `${fileStem(editor.map.title)}-brief`;
	if (format === 'markdown') {
		download(`${stem}.md`, briefMarkdown(brief), 'text/markdown;charset=utf-8');
	} else {
		const { briefPdf } = await import('$lib/formats/brief-pdf');
		download(`${stem}.pdf`, (await briefPdf(brief)) as Uint8Array<ArrayBuffer>, 'application/pdf');
	}
}

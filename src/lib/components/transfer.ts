/**
 * The editor's side of import and export (R94, R95): what the Export menu offers and how each
 * choice becomes a download, and how a parsed file joins this map or becomes a new one.
 */
import { exportFileName, loadExporter, type ExportFormat } from '$lib/formats/exports';
import type { TextFormat } from '$lib/formats/index';
import type { ArgMap } from '$lib/model';
import { mergeMaps, type MergeSummary } from '$lib/model/merge';
import { pdfOf, pngOf, type Background, type Paper } from '$lib/view/picture-export';
import type { Editor } from './editor.svelte';
import { rememberMap } from './known-maps';
import { ApiError, createMap, localLink } from './maps-api';

/** Names of the text formats as menus and messages show them, without loading their codecs. */
export const FORMAT_LABELS: Record<TextFormat, string> = {
	json: 'JSON (native)',
	argdown: 'Argdown',
	aif: 'AIF JSON (AIFdb, OVA)',
	kialo: 'Kialo discussion',
	graphml: 'GraphML (yEd, Gephi)',
	markdown: 'Markdown outline'
};

export type ExportChoice =
	| { kind: 'file'; format: ExportFormat }
	| { kind: 'png'; background: Background }
	| { kind: 'pdf'; paper: Paper };

/** The Export menu's entries, in order. */
export const EXPORT_CHOICES: { label: string; choice: ExportChoice }[] = [
	{ label: 'PNG picture, white background', choice: { kind: 'png', background: 'white' } },
	{ label: 'PNG picture, transparent', choice: { kind: 'png', background: 'transparent' } },
	{ label: 'SVG picture', choice: { kind: 'file', format: 'svg' } },
	{ label: 'PDF handout, A4 landscape', choice: { kind: 'pdf', paper: 'a4' } },
	{ label: 'PDF handout, Letter landscape', choice: { kind: 'pdf', paper: 'letter' } },
	...(Object.entries(FORMAT_LABELS) as [TextFormat, string][]).map(([format, label]) => ({
		label,
		choice: { kind: 'file', format } as ExportChoice
	}))
];

/** Saves a file through the browser's download (a temporary blob: link). */
export function download(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Makes the chosen export of the map as it is now and downloads it, named after the map's title. */
export async function exportMap(editor: Editor, choice: ExportChoice): Promise<void> {
	const title = editor.map.title;
	if (choice.kind === 'png') {
		if (!editor.view) throw new Error('The diagram is not ready yet');
		download(pngOf(editor.view, choice.background), exportFileName(title, 'png'));
		return;
	}
	const exporter = await loadExporter(choice.kind === 'pdf' ? 'svg' : choice.format);
	const text = exporter.serialize(editor.map);
	if (choice.kind === 'pdf') {
		download(await pdfOf(text, choice.paper, title), exportFileName(title, 'pdf'));
		return;
	}
	download(
		new Blob([text], { type: `${exporter.mime};charset=utf-8` }),
		exportFileName(title, exporter.extension)
	);
}

/**
 * Adds an imported map beside this one as one command (R92): one Undo takes it all back. Merged
 * against the map as it is at this moment, so a colleague's edit made meanwhile is kept.
 */
export function mergeInto(editor: Editor, imported: ArgMap): MergeSummary | string {
	const merged = mergeMaps(editor.map, imported);
	if (!merged.ok) return merged.error.message;
	const before = new Set(editor.map.claims.map((c) => c.id as string));
	if (!editor.run({ type: 'replaceMap', map: merged.value.map }))
		return editor.message || 'The map refused the import';
	editor.select(merged.value.map.claims.filter((c) => !before.has(c.id)).map((c) => c.id));
	queueMicrotask(() => editor.view?.fit());
	return merged.value.summary;
}

/**
 * Creates a new map holding the imported one (R95): a blank map, then the file as its content
 * through the import API (native JSON, already checked). Returns the new map's edit link.
 */
export async function importAsNewMap(imported: ArgMap): Promise<string> {
	const { serializeJson } = await import('$lib/formats/json');
	const createToken = sessionStorage.getItem('argmap:create-token') ?? undefined;
	let created;
	try {
		created = await createMap('blank', imported.title, createToken);
	} catch (e) {
		if (e instanceof ApiError && e.details.needsCreateToken) {
			throw new Error(
				'This server needs its creation token: create a blank map on the home page and import into it',
				{ cause: e }
			);
		}
		throw e;
	}
	const res = await fetch(`/api/maps/${encodeURIComponent(created.id)}/import?format=json&mode=replace`, {
		method: 'POST',
		headers: { authorization: `Bearer ${created.editToken}`, 'content-type': 'application/json' },
		body: serializeJson(imported)
	});
	if (!res.ok) {
		const body = (await res.json().catch(() => ({}))) as { error?: string };
		throw new Error(body.error ?? `The server answered ${res.status}`);
	}
	const link = localLink(created.editUrl);
	rememberMap({
		id: created.id,
		title: imported.title,
		link,
		viewLink: localLink(created.viewUrl),
		openedAt: Date.now()
	});
	return link;
}

import { parseImport } from '$lib/formats/imports';
import type { ReadOptions, TextFormat } from '$lib/formats/index';
import type { ArgMap } from '$lib/model';
import { laidOut } from '$lib/model/merge';

export interface ImportRequest {
	id: number;
	text: string;
	format: TextFormat;
	options?: ReadOptions;
}
export type ImportReply = { id: number; map: ArgMap; warnings: string[] } | { id: number; error: string };
/** A file read for import: the laid-out map and what the reader skipped or changed, or the located error. */
export type Parsed = { ok: true; map: ArgMap; warnings: string[] } | { ok: false; error: string };

async function inThread(text: string, format: TextFormat, options?: ReadOptions): Promise<Parsed> {
	const parsed = await parseImport(text, format, options);
	return parsed.ok
		? { ok: true, map: laidOut(parsed.value.map), warnings: [...parsed.value.warnings] }
		: { ok: false, error: parsed.error.message };
}

/**
 * Parses and lays out an imported file in a Web Worker (R95), so the page keeps drawing and
 * answering while a large file is read; in this thread where no worker can start. One worker per
 * file: it is ended as soon as it answers.
 */
export function parseFile(text: string, format: TextFormat, options?: ReadOptions): Promise<Parsed> {
	if (typeof Worker === 'undefined') return inThread(text, format, options);
	return new Promise((resolve) => {
		let worker: Worker;
		const fallBack = () => {
			worker?.terminate();
			resolve(inThread(text, format, options));
		};
		try {
			worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
		} catch {
			fallBack();
			return;
		}
		worker.onmessage = (event: MessageEvent<ImportReply>) => {
			worker.terminate();
			const reply = event.data;
			resolve(
				'error' in reply
					? { ok: false, error: reply.error }
					: { ok: true, map: reply.map, warnings: reply.warnings }
			);
		};
		worker.onerror = fallBack;
		worker.postMessage({ id: 1, text, format, options } satisfies ImportRequest);
	});
}

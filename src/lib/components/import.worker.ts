/**
 * Reading an imported file off the main thread (R95): parses it with its codec and lays it out, so a
 * large file never freezes the editor. Answers the map, or the codec's located error.
 */
import { parseImport } from '$lib/formats/imports';
import { laidOut } from '$lib/model/merge';
import type { ImportReply, ImportRequest } from './import-client';

const scope = self as unknown as {
	onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
	postMessage(message: ImportReply): void;
};

scope.onmessage = async (event) => {
	const { id, text, format, options } = event.data;
	try {
		const parsed = await parseImport(text, format, options);
		scope.postMessage(
			parsed.ok
				? { id, map: laidOut(parsed.value.map), warnings: [...parsed.value.warnings] }
				: { id, error: parsed.error.message }
		);
	} catch (error) {
		scope.postMessage({
			id,
			error: `Could not read the file: ${error instanceof Error ? error.message : error}`
		});
	}
};

/**
 * The automatic layout off the main thread (R172): receives a map, answers its layered positions, so
 * laying out a large map never freezes the editor.
 */
import { layeredLayout } from '$lib/model/layout';
import type { LayoutReply, LayoutRequest } from './layout-client';

const scope = self as unknown as {
	onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
	postMessage(message: LayoutReply): void;
};

scope.onmessage = (event) => {
	const { id, map } = event.data;
	try {
		scope.postMessage({ id, positions: [...layeredLayout(map)].map(([claim, p]) => ({ id: claim, ...p })) });
	} catch (error) {
		scope.postMessage({ id, error: String(error) });
	}
};

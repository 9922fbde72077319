import type { ArgMap } from '$lib/model';
import { layeredLayout } from '$lib/model/layout';

export type Placed = { id: string; x: number; y: number };
export interface LayoutRequest {
	id: number;
	map: ArgMap;
}
export type LayoutReply = { id: number; positions: Placed[] } | { id: number; error: string };

const inThread = (map: ArgMap): Placed[] => [...layeredLayout(map)].map(([id, p]) => ({ id, ...p }));

let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, { map: ArgMap; resolve(p: Placed[]): void }>();

/** A worker that cannot start (blocked, unsupported): every waiting layout is computed here instead. */
function fallBack() {
	worker?.terminate();
	worker = undefined;
	for (const [id, pending] of waiting) {
		waiting.delete(id);
		pending.resolve(inThread(pending.map));
	}
}

function layoutWorker(): Worker {
	if (worker) return worker;
	worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
	worker.onmessage = (event: MessageEvent<LayoutReply>) => {
		const reply = event.data;
		const pending = waiting.get(reply.id);
		if (!pending) return;
		waiting.delete(reply.id);
		pending.resolve('error' in reply ? inThread(pending.map) : reply.positions);
	};
	worker.onerror = fallBack;
	return worker;
}

/**
 * The layered layout of a map (R172), computed in a Web Worker where the browser has one, so the main
 * thread stays free for drawing and typing; in this thread elsewhere (tests, a worker that fails).
 */
export function computeLayout(map: ArgMap): Promise<Placed[]> {
	if (typeof Worker === 'undefined') return Promise.resolve(inThread(map));
	const id = ++next;
	return new Promise((resolve) => {
		waiting.set(id, { map, resolve });
		try {
			layoutWorker().postMessage({ id, map } satisfies LayoutRequest);
		} catch {
			fallBack();
		}
	});
}

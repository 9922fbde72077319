import type * as Y from 'yjs';
import { syncStep2Message } from './sync-protocol';

/**
 * A room's answers to sync step 1s (R40). Most come from people opening the map, who hold nothing yet:
 * the whole document is encoded once per change for all of them, not once each (a 1,000-claim map took
 * up to 240 ms here, during which no room on the server is served).
 */
export class Step2Answers {
	#whole: Uint8Array | undefined;

	constructor(private readonly doc: Y.Doc) {}

	/** The sync step 2 answering a parsed step 1. */
	for({ stateVector, empty }: { stateVector: Uint8Array; empty: boolean }): Uint8Array {
		if (!empty) return syncStep2Message(this.doc, stateVector);
		return (this.#whole ??= syncStep2Message(this.doc, stateVector));
	}

	/** The document changed: the next whole answer is encoded anew. */
	changed(): void {
		this.#whole = undefined;
	}
}

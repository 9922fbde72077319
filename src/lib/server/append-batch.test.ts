import { describe, expect, it } from 'vitest';
import { AppendBatcher } from './append-batch';

/** A store that records each transaction's rows, and can refuse the next one. */
function fakeStore() {
	let seq = 0;
	const transactions: string[][] = [];
	let refuse = false;
	return {
		transactions,
		refuseNext: () => (refuse = true),
		loadRoom: () => ({ update: null, uptoSeq: 0, logRows: 0, problems: [] }),
		compact() {},
		appendUpdates(rows: readonly { room: string; update: Uint8Array }[]) {
			if (refuse) {
				refuse = false;
				throw new Error('disk full');
			}
			transactions.push(rows.map((r) => `${r.room}:${r.update[0]}`));
			return rows.map(() => ++seq);
		}
	};
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('appends batched per turn of the event loop', () => {
	it('R41: the appends of one turn, from every room, are one transaction; each resolves with its seq once committed', async () => {
		const store = fakeStore();
		const batcher = new AppendBatcher(store as never);
		const seqs = [
			batcher.appendUpdate('a', Uint8Array.of(1)),
			batcher.appendUpdate('b', Uint8Array.of(2)),
			batcher.appendUpdate('a', Uint8Array.of(3))
		];
		expect(store.transactions).toEqual([]);
		expect(await Promise.all(seqs)).toEqual([1, 2, 3]);
		expect(store.transactions).toEqual([['a:1', 'b:2', 'a:3']]);
		await turn();
		expect(await batcher.appendUpdate('b', Uint8Array.of(4))).toBe(4);
		expect(store.transactions).toHaveLength(2);
	});

	it('R41: a refused transaction fails every append in it, and the next turn stores again', async () => {
		const store = fakeStore();
		const batcher = new AppendBatcher(store as never);
		store.refuseNext();
		const refused = [
			batcher.appendUpdate('a', Uint8Array.of(1)),
			batcher.appendUpdate('b', Uint8Array.of(2))
		];
		for (const r of refused) await expect(r).rejects.toThrow('disk full');
		expect(await batcher.appendUpdate('a', Uint8Array.of(3))).toBe(1);
	});

	it('R49: flush stores what waits at once (before the store closes)', async () => {
		const store = fakeStore();
		const batcher = new AppendBatcher(store as never);
		const seq = batcher.appendUpdate('a', Uint8Array.of(1));
		batcher.flush();
		expect(store.transactions).toEqual([['a:1']]);
		expect(await seq).toBe(1);
	});
});

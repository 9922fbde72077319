/** The pieces of the multi-process mode that need no Redis or PostgreSQL (R190-R199). */
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { SeqTracker } from './sync-cluster';
import { decodeBusMessage, encodeBusMessage } from './sync-cluster-redis';

describe('several processes: configuration', () => {
	it('R196: REDIS_URL and DATABASE_URL together turn the mode on; neither keeps one process', () => {
		expect(readConfig({}).cluster).toBeUndefined();
		expect(
			readConfig({ REDIS_URL: 'redis://cache:6379', DATABASE_URL: 'postgres://u:p@db:5432/argmap' }).cluster
		).toEqual({ redisUrl: 'redis://cache:6379', databaseUrl: 'postgres://u:p@db:5432/argmap' });
	});

	it('R196: one without the other, or a bad value, stops the start naming the variable', () => {
		expect(() => readConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/DATABASE_URL must be set too/);
		expect(() => readConfig({ DATABASE_URL: 'postgres://db/argmap' })).toThrow(/REDIS_URL must be set too/);
		expect(() => readConfig({ REDIS_URL: 'http://cache', DATABASE_URL: 'postgres://db/a' })).toThrow(
			/^REDIS_URL must be a URL/
		);
		expect(() => readConfig({ REDIS_URL: 'redis://cache', DATABASE_URL: 'mysql://db/a' })).toThrow(
			/^DATABASE_URL must be a URL/
		);
		// The value may hold a password: it is never repeated in the message.
		expect(() => readConfig({ REDIS_URL: 'redis://cache', DATABASE_URL: 'secret-pw' })).toThrow(
			expect.objectContaining({ message: expect.not.stringContaining('secret-pw') })
		);
	});
});

describe('several processes: seqs and bus messages', () => {
	it('R194: the tracker knows what was applied and sees gaps', () => {
		const t = new SeqTracker(3);
		expect(t.has(3)).toBe(true);
		expect(t.add(3)).toBe(false);
		expect(t.add(5)).toBe(true);
		expect(t.hasGap()).toBe(true);
		expect(t.watermark).toBe(3);
		expect(t.max()).toBe(5);
		expect(t.add(4)).toBe(true);
		expect(t.watermark).toBe(5);
		expect(t.hasGap()).toBe(false);
		t.add(8);
		t.advanceTo(7);
		expect(t.watermark).toBe(8);
		expect(t.hasGap()).toBe(false);
	});

	it('R191: bus messages round-trip; malformed ones are dropped', () => {
		const sender = new Uint8Array(8).fill(7);
		const update = new Uint8Array([1, 2, 3]);
		for (const message of [
			{ kind: 'update' as const, seq: 42, update },
			{ kind: 'awareness' as const, update },
			{ kind: 'query-awareness' as const }
		]) {
			const decoded = decodeBusMessage(encodeBusMessage(sender, message));
			expect(decoded?.message).toEqual(message);
			expect([...decoded!.sender]).toEqual([...sender]);
		}
		expect(decodeBusMessage(Buffer.from([0, 1, 2]))).toBeNull();
		expect(decodeBusMessage(Buffer.alloc(9, 9))).toBeNull();
		const badSeq = encodeBusMessage(sender, { kind: 'update', seq: 1, update });
		badSeq.writeDoubleBE(-1, 9);
		expect(decodeBusMessage(badSeq)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../model';
import { isTerminalClose, reconnectDelay, STALL_MS, stalled, type SocketProgress } from './connection';

describe('reconnecting', () => {
	it('R58: backs off exponentially with jitter, capped, so clients do not return all at once', () => {
		expect(reconnectDelay(1, () => 0)).toBe(100);
		expect(reconnectDelay(1, () => 1)).toBe(200);
		expect(reconnectDelay(4, () => 1)).toBe(1600);
		expect(reconnectDelay(30, () => 1)).toBe(10_000);
		const random = seededRandom(5);
		const delays = Array.from({ length: 100 }, () => reconnectDelay(6, random));
		expect(new Set(delays).size).toBeGreaterThan(50);
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(3200);
		expect(Math.max(...delays)).toBeLessThanOrEqual(6400);
	});

	it('R61: a replaced link, a deleted or full map end the connection for good; a rate limit does not', () => {
		expect(isTerminalClose(1008, 'link was replaced')).toBe(true);
		expect(isTerminalClose(4410, 'map was deleted')).toBe(true);
		expect(isTerminalClose(4413, 'map is full')).toBe(true);
		expect(isTerminalClose(1008, 'message rate limit exceeded')).toBe(false);
		expect(isTerminalClose(1001, 'server shutting down')).toBe(false);
		expect(isTerminalClose(1006)).toBe(false);
	});

	it('R59: an attempt the server never answers is dropped after a while, waiting longer each time', () => {
		const t0 = 1_000_000;
		const connecting: SocketProgress = {
			shouldConnect: true,
			ws: {},
			wsconnected: false,
			synced: false,
			wsLastMessageReceived: 0,
			wsUnsuccessfulReconnects: 0
		};
		expect(stalled(connecting, t0, t0 + STALL_MS - 1)).toBe(false);
		expect(stalled(connecting, t0, t0 + STALL_MS)).toBe(true);
		// Opened, but silent before the first sync: counted from the last message.
		const silent = { ...connecting, wsconnected: true, wsLastMessageReceived: t0 + 4000 };
		expect(stalled(silent, t0, t0 + STALL_MS + 1000)).toBe(false);
		expect(stalled(silent, t0, t0 + 4000 + STALL_MS)).toBe(true);
		// After two failed attempts the wait is three times as long; it never exceeds 30 s.
		const third = { ...connecting, wsUnsuccessfulReconnects: 2 };
		expect(stalled(third, t0, t0 + 2 * STALL_MS)).toBe(false);
		expect(stalled(third, t0, t0 + 3 * STALL_MS)).toBe(true);
		expect(stalled({ ...connecting, wsUnsuccessfulReconnects: 50 }, t0, t0 + 30_000)).toBe(true);
		// Synced, offline on purpose, or between sockets: nothing to restart.
		expect(stalled({ ...connecting, synced: true }, t0, t0 + 60_000)).toBe(false);
		expect(stalled({ ...connecting, shouldConnect: false }, t0, t0 + 60_000)).toBe(false);
		expect(stalled({ ...connecting, ws: null }, t0, t0 + 60_000)).toBe(false);
	});
});

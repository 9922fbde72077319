import { describe, expect, it } from 'vitest';
import { seededRandom } from '../model';
import { isTerminalClose, reconnectDelay } from './connection';

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
});

import { describe, expect, it } from 'vitest';
import { AddressCounter, DEFAULT_LIMITS, DocBudget, TokenBucket } from './limits';

/** A bucket on a clock the test moves by hand. */
function bucketAt(rate = DEFAULT_LIMITS.ratePerSecond, burst = DEFAULT_LIMITS.rateBurst) {
	const clock = { now: 0 };
	return { bucket: new TokenBucket(rate, burst, () => clock.now), clock };
}

describe('limits', () => {
	it('R65: fast typing with awareness (15 keys/s, two messages each) for ten minutes is never limited', () => {
		const { bucket, clock } = bucketAt();
		for (let key = 0; key < 15 * 600; key++) {
			clock.now = (key * 1000) / 15;
			expect(bucket.take() && bucket.take(), `keystroke ${key}`).toBe(true);
		}
	});

	it('R65: a reconnect burst of 200 passes; a flood is cut off after the burst and refills at the rate', () => {
		const { bucket, clock } = bucketAt();
		let passed = 0;
		for (let i = 0; i < 1000; i++) if (bucket.take()) passed++;
		expect(passed).toBe(DEFAULT_LIMITS.rateBurst);
		clock.now = 1000;
		passed = 0;
		for (let i = 0; i < 1000; i++) if (bucket.take()) passed++;
		expect(passed).toBe(DEFAULT_LIMITS.ratePerSecond);
	});

	it('R66: connections are counted per address and released', () => {
		const counter = new AddressCounter(2);
		expect(counter.tryAcquire('10.0.0.1')).toBe(true);
		expect(counter.tryAcquire('10.0.0.1')).toBe(true);
		expect(counter.tryAcquire('10.0.0.1')).toBe(false);
		expect(counter.tryAcquire('10.0.0.2')).toBe(true);
		counter.release('10.0.0.1');
		expect(counter.count('10.0.0.1')).toBe(1);
		expect(counter.tryAcquire('10.0.0.1')).toBe(true);
	});

	it('R69: the size budget measures only near the cap and lets updates that add nothing through', () => {
		const budget = new DocBudget(1000);
		let measured = 0;
		const measure = (now: number, after: number) => () => (measured++, { now, after });
		budget.reset(600);
		expect(budget.fits(300, measure(0, 0))).toBe(true);
		expect(measured).toBe(0);
		budget.grow(300);
		expect(budget.fits(200, measure(900, 1100))).toBe(false);
		expect(measured).toBe(1);
		// A sync step 2 of an up-to-date client repeats the delete set: large, but it adds nothing.
		expect(budget.fits(500, measure(900, 900))).toBe(true);
		// Over the cap already (the cap was lowered): what does not grow still passes, growth does not.
		budget.reset(1500);
		expect(budget.fits(10, measure(1500, 1500))).toBe(true);
		expect(budget.fits(10, measure(1500, 1510))).toBe(false);
	});
});

/**
 * The limits that keep one hostile or broken client from hurting everyone else (SPEC R64-R69), and
 * the small counters that enforce them. Every value is configurable (README: Configuration).
 */

export interface Limits {
	/** Largest websocket message accepted, in bytes; a larger one closes its connection with 1009 (R64). */
	maxMessageBytes: number;
	/** Messages per second a connection may send on average: the token bucket's refill rate (R65). */
	ratePerSecond: number;
	/** Messages a connection may send in one go above the average: the token bucket's size (R65). */
	rateBurst: number;
	/** Open or pending websocket connections per client address; more are refused with 429 (R66). */
	maxConnectionsPerIp: number;
	/** A connection that sends nothing for this long is closed, in ms (R68). */
	idleTimeoutMs: number;
	/** Largest document a room may grow to, in bytes of its encoded state (R69). */
	maxDocBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
	/** A pasted or imported map of thousands of claims fits; a memory bomb does not. */
	maxMessageBytes: 2 * 1024 * 1024,
	/**
	 * Fast typing is about 15 keystrokes per second, each one document update plus at most one
	 * awareness update: 30 messages per second. 60 leaves twice that.
	 */
	ratePerSecond: 60,
	/** A reconnect replays sync steps, awareness and queued edits at once: 200 absorbs that. */
	rateBurst: 200,
	/** A seminar room behind one NAT address is a few dozen laptops with a tab or two each. */
	maxConnectionsPerIp: 50,
	/** Ten minutes: an open editor sends an awareness heartbeat every 15 s, so it is never idle. */
	idleTimeoutMs: 10 * 60 * 1000,
	/** The article map encodes to about 23 KiB; 8 MiB is over three hundred times that. */
	maxDocBytes: 8 * 1024 * 1024
};

/** A token bucket: `burst` tokens, refilled at `ratePerSecond`; each message takes one. */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.tokens = burst;
		this.last = now();
	}

	/** Takes one token; false when the bucket is empty (the sender is over the limit). */
	take(): boolean {
		const now = this.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
		this.last = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}

/** Counts connections per client address, so one address cannot take every socket the process has. */
export class AddressCounter {
	private readonly counts = new Map<string, number>();

	constructor(private readonly max: number) {}

	/** Counts one more connection from `address`; false (and nothing counted) when it is at the limit. */
	tryAcquire(address: string): boolean {
		const count = this.counts.get(address) ?? 0;
		if (count >= this.max) return false;
		this.counts.set(address, count + 1);
		return true;
	}

	/** Ends one connection counted by {@link tryAcquire}. */
	release(address: string): void {
		const count = (this.counts.get(address) ?? 0) - 1;
		if (count > 0) this.counts.set(address, count);
		else this.counts.delete(address);
	}

	/** Connections counted for `address`. */
	count(address: string): number {
		return this.counts.get(address) ?? 0;
	}
}

/**
 * Tracks a room's document size cheaply: the encoded state right after load or compaction, plus
 * every update stored since. That sum only overestimates (merging never makes updates larger), so
 * an update it lets through is always within the cap; only when the sum says "too big" is the exact
 * size measured (one full encode), and the estimate reset to it.
 */
export class DocBudget {
	private estimate = 0;

	constructor(private readonly max: number) {}

	/** The exact encoded size is now `bytes` (after load or compaction). */
	reset(bytes: number): void {
		this.estimate = bytes;
	}

	/** An update of `bytes` was stored. */
	grow(bytes: number): void {
		this.estimate += bytes;
	}

	/**
	 * Whether an update of `bytes` keeps the document within the cap. `measure` gives the exact size
	 * now and with the update merged in: an update that adds nothing (a reconnecting client's sync
	 * step 2 repeats the whole delete set) passes even at the cap, so a full map still opens.
	 */
	fits(bytes: number, measure: () => { now: number; after: number }): boolean {
		if (this.estimate + bytes <= this.max) return true;
		const { now, after } = measure();
		this.estimate = now;
		return after <= this.max || after <= now;
	}
}

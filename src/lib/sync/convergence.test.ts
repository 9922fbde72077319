import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkInvariants, seededRandom } from '../model';
import { serializeJson } from '../formats/json';
import { randomCommand } from './random-commands';
import { MapSession } from './session';

/** Seeds run in the normal test run: each is a full random session of several replicas. */
const SEEDS = 300;
const REPLICAS = 3;
const STEPS = 80;

interface Message {
	to: number;
	update: Uint8Array;
}

/**
 * Replicas linked by an in-memory network that delivers in random order, sometimes twice, and
 * sometimes drops a message (kept aside and re-sent at the end, as a reconnect's sync would).
 */
function simulate(seed: number) {
	const random = seededRandom(seed);
	const docs = Array.from({ length: REPLICAS }, (_, i) => {
		const doc = new Y.Doc();
		doc.clientID = seed * 10 + i + 1;
		return doc;
	});
	const sessions = docs.map((doc) => new MapSession(doc));
	const inFlight: Message[] = [];
	const lost: Message[] = [];
	docs.forEach((doc, i) =>
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'network') return;
			for (let to = 0; to < REPLICAS; to++) if (to !== i) inFlight.push({ to, update });
		})
	);
	const deliver = (m: Message) => Y.applyUpdate(docs[m.to]!, m.update, 'network');
	for (let step = 0; step < STEPS; step++) {
		const roll = random();
		if (roll < 0.5 || inFlight.length === 0) {
			const session = sessions[Math.floor(random() * REPLICAS)]!;
			session.dispatch(randomCommand(session.map, random));
		} else {
			const [message] = inFlight.splice(Math.floor(random() * inFlight.length), 1);
			if (roll < 0.55) lost.push(message!);
			else {
				deliver(message!);
				if (roll > 0.95) deliver(message!);
			}
		}
		expect(checkInvariants(sessions[step % REPLICAS]!.map)).toEqual([]);
	}
	while (inFlight.length) deliver(inFlight.splice(Math.floor(random() * inFlight.length), 1)[0]!);
	for (const m of lost.reverse()) deliver(m);
	return sessions;
}

describe('convergence without a network', () => {
	it(`R17: ${SEEDS} seeded sessions of ${REPLICAS} replicas converge with every invariant`, () => {
		const failures: string[] = [];
		let nonTrivial = 0;
		for (let seed = 1; seed <= SEEDS; seed++) {
			try {
				const sessions = simulate(seed);
				const maps = sessions.map((s) => serializeJson(s.map));
				expect(new Set(maps).size, 'replicas differ').toBe(1);
				expect(checkInvariants(sessions[0]!.map)).toEqual([]);
				if (sessions[0]!.map.relations.length > 2) nonTrivial++;
			} catch (e) {
				failures.push(`seed ${seed}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
			}
		}
		expect(failures, `failing seeds (rerun one with simulate(seed)):\n${failures.join('\n')}`).toEqual([]);
		// The random sessions must really exercise relations, not just a few lone claims.
		expect(nonTrivial).toBeGreaterThan(SEEDS / 2);
	}, 120_000);
});

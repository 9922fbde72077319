/**
 * Several processes (R190): remote-edit latency between clients of different server processes
 * (through PostgreSQL and Redis) against clients of the same process, in the same runs. Two cluster
 * processes; one writer on the first edits at a typist's pace while readers on the first and on the
 * second observe. Each figure is the median over the runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type ChildServer } from '../support/child-server';
import { startBackends } from '../support/cluster';
import { closeAll, connectAll, type BenchClient } from './sync-client';
import type { Row } from './sync';

const EDIT_RATE = 50;
const EDITS = 100;
const READERS = 5;
const REPEATS = 4;
const DRAIN_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Send times by key, and the latencies readers observed. */
class Probe {
	readonly samples: number[] = [];
	expected = 0;

	constructor(private readonly sentAt: Map<string, number>) {}

	readonly onKey = (key: string): void => {
		const at = this.sentAt.get(key);
		if (at !== undefined) this.samples.push(performance.now() - at);
	};

	percentile(p: number): number {
		const sorted = [...this.samples].sort((a, b) => a - b);
		return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
	}
}

async function createRoom(server: ChildServer): Promise<{ id: string; token: string }> {
	const res = await fetch(`http://127.0.0.1:${server.port}/api/maps`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ template: 'blank' })
	});
	if (res.status !== 201) throw new Error(`creating a map answered ${res.status}`);
	const map = (await res.json()) as { id: string; editToken: string };
	return { id: map.id, token: map.editToken };
}

interface Run {
	same: Probe;
	across: Probe;
	dropped: number;
}

async function run(servers: ChildServer[]): Promise<Run> {
	const room = await createRoom(servers[0]!);
	const url = (s: ChildServer) => `ws://127.0.0.1:${s.port}/yjs/${room.id}?token=${room.token}`;
	const sentAt = new Map<string, number>();
	const same = new Probe(sentAt);
	const across = new Probe(sentAt);
	const clients: BenchClient[] = [];
	try {
		clients.push(...(await connectAll([url(servers[0]!)], () => {})));
		clients.push(...(await connectAll(Array<string>(READERS).fill(url(servers[0]!)), same.onKey)));
		clients.push(...(await connectAll(Array<string>(READERS).fill(url(servers[1]!)), across.onKey)));
		const start = performance.now();
		for (let i = 0; i < EDITS; i++) {
			// Open loop: edit i is due at a fixed time whatever the servers' speed.
			const wait = start + (i * 1000) / EDIT_RATE - performance.now();
			if (wait > 0) await sleep(wait);
			sentAt.set(`e${i}`, performance.now());
			clients[0]!.write(`e${i}`);
		}
		const expected = EDITS * READERS;
		const deadline = performance.now() + DRAIN_MS;
		while (same.samples.length + across.samples.length < 2 * expected && performance.now() < deadline) {
			await sleep(10);
		}
		return { same, across, dropped: 2 * expected - same.samples.length - across.samples.length };
	} finally {
		await closeAll(clients);
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length / 2;
	return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The rows: across processes as "ours", the same process as "peer". Starts and always stops everything. */
export async function clusterBenchmarks(progress: (line: string) => void): Promise<Row[]> {
	progress('cluster: starting Redis, PostgreSQL and two server processes');
	const backends = await startBackends();
	const servers: ChildServer[] = [];
	try {
		for (let i = 0; i < 2; i++) {
			servers.push(
				await startChild('tests/support/sync-server-process.ts', {
					PORT: '0',
					// Only what is not shared yet (e.g. versions) lands here.
					DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-bench-cluster-')),
					REDIS_URL: backends.redisUrl,
					DATABASE_URL: backends.databaseUrl,
					QUIET: '1',
					RATE_LIMIT_PER_SECOND: '1000',
					RATE_LIMIT_BURST: '1000'
				})
			);
		}
		await run(servers); // warm-up, not measured
		const runs: Run[] = [];
		for (let i = 0; i < REPEATS; i++) {
			progress(`cluster: run ${i + 1} of ${REPEATS}`);
			runs.push(await run(servers));
		}
		const label = `Remote-edit latency across 2 processes (PostgreSQL + Redis) vs within one, ${READERS + READERS + 1} clients`;
		const pick = (p: number, which: 'same' | 'across') => median(runs.map((r) => r[which].percentile(p)));
		const dropped = runs.reduce((n, r) => n + r.dropped, 0);
		return [
			{
				scenario: `${label}, p50`,
				ours: pick(50, 'across'),
				peer: pick(50, 'same'),
				unit: 'ms',
				target: 'report',
				pass: true
			},
			{
				scenario: `${label}, p95`,
				ours: pick(95, 'across'),
				peer: pick(95, 'same'),
				unit: 'ms',
				// Crossing processes adds a Redis hop to the PostgreSQL commit both paths wait for.
				target: '<= 2x within one process',
				pass: pick(95, 'across') <= 2 * pick(95, 'same')
			},
			{
				scenario: 'Dropped updates, several processes',
				ours: dropped,
				unit: '',
				target: '0',
				pass: dropped === 0
			}
		];
	} finally {
		await Promise.all(servers.map((s) => s.stop('SIGTERM')));
		await backends.stop();
	}
}

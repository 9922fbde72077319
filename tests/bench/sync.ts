/**
 * The sync benchmark: our server (persistence on) and the reference @y/websocket-server 0.1.1 on
 * the same seeded workloads in the same run, in short runs interleaved ours/peer/ours/peer. Each
 * figure is the median over the runs, so a burst of load from another process on this shared
 * 2-core machine spoils one run, not the comparison. Latency is from the writer's send to a
 * reader's observing the change; all clients live in this process and read the same clock.
 */
import { seededRandom } from '../../src/lib/model/random';
import { closeAll, connectAll, type BenchClient } from './sync-client';
import { startTargets, type SyncTarget } from './sync-targets';

export interface Row {
	scenario: string;
	ours: number;
	peer?: number;
	/** The median of ratios taken run by run (browser scenarios); otherwise ours / peer. */
	ratio?: number;
	unit: string;
	target: string;
	pass: boolean;
}

/** Edits per second of the one writer in a room: a fast typist, under our per-connection rate limit (60/s). */
const ROOM_EDIT_RATE = 50;
/** Edits per run for each room size: enough samples for a p99 over the runs, few enough to stay short. */
const ROOM_EDITS: Record<number, number> = { 2: 100, 10: 100, 50: 60 };
const MANY = { rooms: 200, perRoom: 5, updatesPerSecond: 2000, runMs: 2500 };
/** Runs per server of each scenario, alternating with the peer's. */
const REPEATS = 4;
/** How long the last deliveries may take before the missing ones count as dropped. */
const DRAIN_MS = 15_000;
const SEED = 4242;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Send times by key, and what readers observed of them. */
class Probe {
	private readonly sentAt = new Map<string, number>();
	readonly samples: number[] = [];
	delivered = 0;
	expected = 0;

	readonly onKey = (key: string): void => {
		const at = this.sentAt.get(key);
		if (at === undefined) return;
		this.samples.push(performance.now() - at);
		this.delivered++;
	};

	/** `client` edits `key`; `readers` other clients should observe it. */
	write(client: BenchClient, key: string, readers: number): void {
		this.expected += readers;
		this.sentAt.set(key, performance.now());
		client.write(key);
	}

	/** Waits for every expected delivery (or the drain timeout), then sums up the run. */
	async result(): Promise<Run> {
		const deadline = performance.now() + DRAIN_MS;
		while (this.delivered < this.expected && performance.now() < deadline) await sleep(10);
		const sorted = this.samples.sort((a, b) => a - b);
		const at = (p: number) =>
			sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
		return { p50: at(50), p95: at(95), p99: at(99), dropped: this.expected - this.delivered };
	}
}

interface Run {
	p50: number;
	p95: number;
	p99: number;
	dropped: number;
	/** Server memory at the end of the load (bytes). */
	rss?: number;
	/** Server CPU time per 1,000 updates (ms). */
	cpuPer1000?: number;
}

/** One writer edits at ROOM_EDIT_RATE in a room of `size` clients; the others observe. */
async function oneRoom(target: SyncTarget, size: number, edits: number): Promise<Run> {
	const [room] = await target.rooms(1);
	const probe = new Probe();
	const clients = await connectAll(Array<string>(size).fill(target.url(room!)), probe.onKey);
	const start = performance.now();
	for (let i = 0; i < edits; i++) {
		// Open loop: edit i is due at a fixed time whatever the server's speed (no coordinated omission).
		const wait = start + (i * 1000) / ROOM_EDIT_RATE - performance.now();
		if (wait > 0) await sleep(wait);
		probe.write(clients[0]!, `e${i}`, size - 1);
	}
	const run = await probe.result();
	await closeAll(clients);
	return run;
}

/** MANY.rooms rooms of MANY.perRoom clients; seeded random clients write MANY.updatesPerSecond in all. */
async function manyRooms(target: SyncTarget, seed: number): Promise<Run> {
	const rooms = await target.rooms(MANY.rooms);
	const probe = new Probe();
	const urls = rooms.flatMap((room) => Array<string>(MANY.perRoom).fill(target.url(room)));
	const clients = await connectAll(urls, probe.onKey);
	const random = seededRandom(seed);
	const cpuBefore = target.cpuMs();
	const start = performance.now();
	let sent = 0;
	for (let elapsed = 0; elapsed < MANY.runMs; elapsed = performance.now() - start) {
		const due = Math.floor((elapsed * MANY.updatesPerSecond) / 1000);
		for (; sent < due; sent++) {
			probe.write(clients[Math.floor(random() * clients.length)]!, `u${sent}`, MANY.perRoom - 1);
		}
		await sleep(2);
	}
	const run = await probe.result();
	run.cpuPer1000 = ((target.cpuMs() - cpuBefore) * 1000) / sent;
	run.rss = target.rss();
	await closeAll(clients);
	return run;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length / 2;
	return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Runs = Record<'ours' | 'peer', Run[]>;

/** Runs `run` REPEATS times per server, alternating ours and peer. */
async function sideBySide(
	targets: SyncTarget[],
	run: (target: SyncTarget, repeat: number) => Promise<Run>
): Promise<Runs> {
	const runs: Runs = { ours: [], peer: [] };
	for (let repeat = 0; repeat < REPEATS; repeat++) {
		for (const target of targets) runs[target.name].push(await run(target, repeat));
	}
	return runs;
}

/** A row comparing the median of `pick` over each server's runs; only a p95 has a target (the issue's). */
function row(scenario: string, runs: Runs, pick: (run: Run) => number, unit: string, judged = false): Row {
	const ours = median(runs.ours.map(pick));
	const peer = median(runs.peer.map(pick));
	if (judged) return { scenario, ours, peer, unit, target: '<= 1.5x peer', pass: ours <= 1.5 * peer };
	return { scenario, ours, peer, unit, target: 'report', pass: true };
}

/** Dropped updates summed over every run, not a median: one lost update is one too many. */
function droppedRow(scenario: string, runs: Runs): Row {
	const total = (list: Run[]) => list.reduce((n, run) => n + run.dropped, 0);
	const ours = total(runs.ours);
	return { scenario, ours, peer: total(runs.peer), unit: '', target: '0', pass: ours === 0 };
}

/** Every sync scenario, as table rows. Starts and always stops both server processes. */
export async function syncBenchmarks(progress: (line: string) => void): Promise<Row[]> {
	const { ours, peer, stop } = await startTargets();
	// Ctrl-C must not leave servers behind: stop them, then exit as interrupted.
	const interrupted = () => void stop().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	try {
		const targets = [ours, peer];
		const rows: Row[] = [];
		// Warm-up (JIT, sockets, SQLite pages) on both, not measured.
		for (const target of targets) await oneRoom(target, 2, 50);
		const oneRoomRuns: Runs = { ours: [], peer: [] };
		for (const size of [2, 10, 50]) {
			progress(`sync: ${size} clients in one room`);
			const runs = await sideBySide(targets, (target) => oneRoom(target, size, ROOM_EDITS[size]!));
			const label = `Remote-edit latency, ${size} clients in a room`;
			rows.push(row(`${label}, p50`, runs, (r) => r.p50, 'ms'));
			rows.push(row(`${label}, p95`, runs, (r) => r.p95, 'ms', true));
			rows.push(row(`${label}, p99`, runs, (r) => r.p99, 'ms'));
			oneRoomRuns.ours.push(...runs.ours);
			oneRoomRuns.peer.push(...runs.peer);
		}
		rows.push(droppedRow('Dropped updates, one-room runs', oneRoomRuns));

		progress(`sync: ${MANY.rooms * MANY.perRoom} connections over ${MANY.rooms} rooms`);
		const many = await sideBySide(targets, (target, repeat) => manyRooms(target, SEED + repeat));
		const label = '1,000 connections / 200 rooms at 2,000 updates/s';
		rows.push(row(`Latency, ${label}, p50`, many, (r) => r.p50, 'ms'));
		rows.push(row(`Latency, ${label}, p95`, many, (r) => r.p95, 'ms', true));
		rows.push(droppedRow(`Dropped updates, ${label}`, many));
		rows.push(row(`Server CPU per 1,000 updates, ${label}`, many, (r) => r.cpuPer1000 ?? NaN, 'ms'));
		rows.push(row(`Server RSS, ${label}`, many, (r) => (r.rss ?? NaN) / 2 ** 20, 'MB'));
		return rows;
	} finally {
		process.off('SIGINT', interrupted);
		process.off('SIGTERM', interrupted);
		await stop();
	}
}

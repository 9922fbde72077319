/**
 * The two servers of the sync benchmark, each in its own child process on loopback: ours (createApp
 * with SQLite persistence in a temporary DATA_DIR, tokens required) and the reference
 * @y/websocket-server 0.1.1 (no persistence, no authentication).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type ChildServer } from '../support/child-server';

/** A room on a target server and the token that opens it for editing ('' where none is needed). */
export interface BenchRoom {
	id: string;
	token: string;
}

export interface SyncTarget {
	readonly name: 'ours' | 'peer';
	readonly pid: number;
	/** Creates `count` fresh rooms (maps, on our server). */
	rooms(count: number): Promise<BenchRoom[]>;
	/** The websocket URL a client opens to edit `room`. */
	url(room: BenchRoom): string;
	/** The child's resident memory in bytes, from /proc. */
	rss(): number;
	/** CPU time (user + system) the child has used so far, in ms, from /proc. */
	cpuMs(): number;
}

/** Map creations in flight at once: quick, without stalling the server. */
const CREATE_CONCURRENCY = 8;

function rssOf(pid: number): number {
	const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
	return Number(kb ?? 0) * 1024;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number): number {
	// Fields after the command name, which is in parentheses and may contain spaces: utime is the 12th, stime the 13th.
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function createMap(base: string): Promise<BenchRoom> {
	const res = await fetch(`${base}/api/maps`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ template: 'blank', title: 'bench' })
	});
	if (res.status !== 201) throw new Error(`POST /api/maps answered ${res.status}: ${await res.text()}`);
	const map = (await res.json()) as { id: string; editToken: string };
	return { id: map.id, token: map.editToken };
}

/** Starts both servers; `stop()` ends them and removes our data folder (also call it on error). */
export async function startTargets(): Promise<{ ours: SyncTarget; peer: SyncTarget; stop(): Promise<void> }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-bench-'));
	const children: ChildServer[] = [];
	const stop = async () => {
		await Promise.all(children.map((child) => child.stop('SIGTERM')));
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		const [oursChild, peerChild] = await Promise.all([
			startChild('tests/support/sync-server-process.ts', {
				PORT: '0',
				DATA_DIR: dataDir,
				QUIET: '1',
				// 1,000 benchmark connections come from one address.
				MAX_CONNECTIONS_PER_IP: '100000'
			}),
			startChild('tests/support/reference-server-process.ts', { PORT: '0' })
		]);
		children.push(oursChild, peerChild);
		const oursBase = `127.0.0.1:${oursChild.port}`;
		const ours: SyncTarget = {
			name: 'ours',
			pid: oursChild.pid,
			async rooms(count) {
				const rooms: BenchRoom[] = [];
				while (rooms.length < count) {
					const batch = Math.min(CREATE_CONCURRENCY, count - rooms.length);
					rooms.push(
						...(await Promise.all(Array.from({ length: batch }, () => createMap(`http://${oursBase}`))))
					);
				}
				return rooms;
			},
			url: (room) => `ws://${oursBase}/yjs/${room.id}?token=${room.token}`,
			rss: () => rssOf(oursChild.pid),
			cpuMs: () => cpuMsOf(oursChild.pid)
		};
		let next = 0;
		const peer: SyncTarget = {
			name: 'peer',
			pid: peerChild.pid,
			rooms: async (count) => Array.from({ length: count }, () => ({ id: `room-${++next}`, token: '' })),
			url: (room) => `ws://127.0.0.1:${peerChild.port}/yjs/${room.id}`,
			rss: () => rssOf(peerChild.pid),
			cpuMs: () => cpuMsOf(peerChild.pid)
		};
		return { ours, peer, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

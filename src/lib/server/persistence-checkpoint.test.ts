import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RoomStore } from './persistence';
import { Checkpointer } from './persistence-checkpoint';

let dir: string;
let store: RoomStore | undefined;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-ckpt-'));
});

afterEach(() => {
	store?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const size = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;

it('R181 the WAL is checkpointed by a worker, not inside the commits, and closing leaves no WAL behind', async () => {
	const s = new RoomStore(dir);
	store = s;
	const file = path.join(dir, 'argmap.sqlite');
	const before = size(file);
	// 2,000 commits of 2 KB, a few WAL pages each. A commit that checkpoints (SQLite's own way, at 1,000
	// pages) starts the WAL over, so it would never have grown past about 4 MB.
	const update = new Uint8Array(2048).fill(7);
	for (let i = 0; i < 2000; i++) s.appendUpdates([{ room: `room-${i % 20}`, update }]);
	expect(size(`${file}-wal`)).toBeGreaterThan(6 * 1024 * 1024);
	// The worker copies the pages into the database file within a few of its rounds (250 ms each).
	await expect.poll(() => size(file), { timeout: 5000 }).toBeGreaterThan(before + 4 * 1024 * 1024);
	s.close();
	store = undefined;
	// The last connection to close checkpoints and removes the WAL: the worker's closed first.
	expect(fs.existsSync(`${file}-wal`)).toBe(false);
	const reopened = new RoomStore(dir);
	store = reopened;
	expect(reopened.logLength('room-3')).toBe(100);
});

it('R181 a checkpoint worker that stops is reported, and its store told so it can checkpoint again', async () => {
	const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
	try {
		const stopped: string[] = [];
		// The worker cannot open a database in a folder that does not exist: it stops at once.
		new Checkpointer(path.join(dir, 'missing', 'argmap.sqlite'), (reason) => stopped.push(reason));
		await expect.poll(() => stopped.length, { timeout: 5000 }).toBe(1);
		expect(stopped[0]).toMatch(/directory does not exist/);
		expect(String(logged.mock.calls.at(-1)?.[0])).toMatch(/checkpoint worker stopped/);

		// Closed as usual, a worker is not reported as stopped.
		const fine: string[] = [];
		const checkpointer = new Checkpointer(path.join(dir, 'argmap.sqlite'), (reason) => fine.push(reason));
		await new Promise((r) => setTimeout(r, 300));
		checkpointer.close();
		await new Promise((r) => setTimeout(r, 100));
		expect(fine).toEqual([]);
	} finally {
		logged.mockRestore();
	}
});

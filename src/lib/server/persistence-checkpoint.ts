/**
 * WAL checkpoints off the event loop (R181): the store's own connection never checkpoints
 * (`wal_autocheckpoint = 0`); a worker thread with a connection of its own runs a PASSIVE checkpoint
 * every CHECKPOINT_MS, copying the WAL's pages into the database file and syncing it while the server
 * goes on serving. SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages:
 * under load (2,000 updates per second) that stalled the event loop several times a second, with an
 * fsync each time, and was a fifth of the cost of an append.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints, in ms. */
const CHECKPOINT_MS = 250;
/**
 * A PASSIVE checkpoint never waits for the writer, so under unbroken writing the WAL may never be
 * emptied; past this size the worker runs a RESTART checkpoint, which makes the writer wait once.
 */
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
/** How long closing waits for the worker to close its connection, in ms. */
const CLOSE_WAIT_MS = 5000;

/** The worker's code, run with `eval` so that it needs no compiled file of its own. */
const WORKER = `
const fs = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const { file, everyMs, walLimit, closed } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 5000');
function checkpoint() {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
		if (fs.statSync(file + '-wal', { throwIfNoEntry: false })?.size > walLimit) db.pragma('wal_checkpoint(RESTART)');
	} catch (error) {
		parentPort.postMessage(String(error && error.message || error));
	}
}
const timer = setInterval(checkpoint, everyMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	Atomics.store(closed, 0, 1);
	Atomics.notify(closed, 0);
	parentPort.close();
});
`;

/**
 * Checkpoints the SQLite database `file` (in WAL mode) from a worker thread until closed. Should the
 * worker stop before that (it could not open the file, or it crashed), `onStopped` is called once, so
 * that the store can checkpoint its own way again rather than let the WAL grow.
 */
export class Checkpointer {
	readonly #worker: Worker;
	readonly #closed = new Int32Array(new SharedArrayBuffer(4));
	#closing = false;

	constructor(file: string, onStopped: (reason: string) => void = () => {}) {
		const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
		this.#worker = new Worker(WORKER, {
			eval: true,
			workerData: {
				sqlitePath,
				file,
				everyMs: CHECKPOINT_MS,
				walLimit: WAL_LIMIT_BYTES,
				closed: this.#closed
			}
		});
		// A failed checkpoint is reported, not thrown: the next one may succeed.
		this.#worker.on('message', (message: string) =>
			console.error(`[store] WAL checkpoint failed: ${message}`)
		);
		let failure = 'it exited';
		this.#worker.on('error', (error) => (failure = error.message));
		this.#worker.on('exit', () => {
			// A worker that ended has nothing left to close.
			Atomics.store(this.#closed, 0, 1);
			if (this.#closing) return;
			console.error(
				`[store] WAL checkpoint worker stopped (${failure}); SQLite checkpoints in the commits again`
			);
			onStopped(failure);
		});
		this.#worker.unref();
	}

	/** Stops checkpointing and waits (briefly) until the worker's connection is closed. */
	close(): void {
		this.#closing = true;
		if (Atomics.load(this.#closed, 0) === 1) return;
		this.#worker.postMessage('close');
		Atomics.wait(this.#closed, 0, 0, CLOSE_WAIT_MS);
	}
}

/**
 * Blocking PostgreSQL calls for the store's synchronous surface (map metadata, tokens, map creation):
 * a worker thread owns one connection and runs each request while the calling thread waits on an
 * Atomics flag. A call blocks the event loop for one round trip to the database (well under a
 * millisecond on a LAN), which is acceptable for these rare calls; the hot path (room loads,
 * appends, compaction) uses the asynchronous pool instead (persistence-pg.ts).
 */
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export interface Statement {
	sql: string;
	params?: unknown[];
}

/** How long one blocking call may take before it fails (ms). */
const CALL_TIMEOUT_MS = 15_000;

/**
 * The worker's code, run with `eval` so it needs no compiled file of its own. Statements of one
 * request run in one transaction; each answer is posted before the flag is raised.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, flag, url } = workerData;
let client = null;
let connected = null;
// A lost connection (the database restarted) is replaced at the next request.
function connection() {
	if (!client) {
		const fresh = new pg.Client({ connectionString: url });
		fresh.on('error', () => {
			if (client === fresh) client = null;
			fresh.end().catch(() => {});
		});
		client = fresh;
		connected = fresh.connect().catch((error) => {
			if (client === fresh) client = null;
			throw error;
		});
	}
	return connected.then(() => client);
}
port.on('message', async (statements) => {
	let answer;
	try {
		const client = await connection();
		if (!client) throw new Error('the connection to PostgreSQL was lost');
		const results = [];
		if (statements.length > 1) await client.query('BEGIN');
		try {
			for (const s of statements) results.push((await client.query(s.sql, s.params)).rows);
			if (statements.length > 1) await client.query('COMMIT');
		} catch (error) {
			if (statements.length > 1) await client.query('ROLLBACK').catch(() => {});
			throw error;
		}
		answer = { results };
	} catch (error) {
		answer = { error: error instanceof Error ? error.message : String(error), code: error && error.code };
	}
	port.postMessage(answer);
	Atomics.store(flag, 0, 1);
	Atomics.notify(flag, 0);
});
port.on('close', () => client && client.end().catch(() => {}));
`;

/** An error the database reported, with its SQLSTATE (e.g. 23505 for a unique violation). */
export class PgError extends Error {
	constructor(
		message: string,
		readonly code: string | undefined
	) {
		super(message);
	}
}

/** One connection used synchronously. */
export class BlockingPg {
	private readonly worker: Worker;
	private readonly port: MessagePort;
	private readonly flag = new Int32Array(new SharedArrayBuffer(4));
	private closed = false;

	constructor(url: string) {
		const { port1, port2 } = new MessageChannel();
		this.port = port1;
		const pgPath = createRequire(import.meta.url).resolve('pg');
		this.worker = new Worker(WORKER, {
			eval: true,
			workerData: { pgPath, port: port2, flag: this.flag, url },
			transferList: [port2]
		});
		this.worker.unref();
	}

	/** Runs the statements (several: in one transaction) and returns each one's rows. Throws {@link PgError}. */
	run(statements: Statement[]): Record<string, unknown>[][] {
		if (this.closed) throw new Error('the database connection is closed');
		Atomics.store(this.flag, 0, 0);
		this.port.postMessage(statements);
		if (Atomics.wait(this.flag, 0, 0, CALL_TIMEOUT_MS) === 'timed-out') {
			throw new Error(`PostgreSQL did not answer within ${CALL_TIMEOUT_MS} ms`);
		}
		const answer = receiveMessageOnPort(this.port)?.message as
			{ results: Record<string, unknown>[][] } | { error: string; code?: string } | undefined;
		if (!answer) throw new Error('PostgreSQL worker gave no answer');
		if ('error' in answer) throw new PgError(answer.error, answer.code);
		return answer.results;
	}

	/** The rows of one statement. */
	query<T>(sql: string, params: unknown[] = []): T[] {
		return this.run([{ sql, params }])[0] as T[];
	}

	/** Ends the connection and the worker. Idempotent. */
	close(): Promise<void> {
		if (this.closed) return Promise.resolve();
		this.closed = true;
		this.port.close();
		return this.worker.terminate().then(() => undefined);
	}
}

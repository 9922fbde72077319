/**
 * The security suite's tools: the real app on a free port, raw upgrades with any headers, a
 * byte-for-byte snapshot of a room, and the report table (attack, tries, refused, data intact).
 */
import http from 'node:http';
import { call, storedBytes, type TestApp } from '../../src/lib/server/app-test-helpers';

/** One room's content as stored and as exported, to compare before and after an attack. */
export interface Snapshot {
	stored: Buffer;
	exported: string;
}

export async function snapshot(t: TestApp, id: string, viewToken: string): Promise<Snapshot> {
	const res = await fetch(`${t.base}/api/maps/${id}/export?format=json`, {
		headers: { authorization: `Bearer ${viewToken}` }
	});
	return { stored: storedBytes(t.app, id), exported: await res.text() };
}

/** The server still answers /healthz and the room holds exactly what it held before. */
export async function intact(t: TestApp, id: string, viewToken: string, before: Snapshot): Promise<boolean> {
	const health = await call(t.base, 'GET', '/healthz');
	const after = await snapshot(t, id, viewToken);
	return health.status === 200 && after.stored.equals(before.stored) && after.exported === before.exported;
}

/** The status an upgrade request to `path` gets (101 when accepted); 0 when the server hung up. */
export function upgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve) => {
		const req = http.request({
			host: '127.0.0.1',
			port,
			path,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
				'Sec-WebSocket-Version': '13',
				...headers
			}
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			resolve(101);
		});
		req.on('error', () => resolve(0));
		req.end();
	});
}

/** A GET whose path reaches the server exactly as written (fetch would resolve "../"); resolves with the status. */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve) => {
		const req = http.request({ host: '127.0.0.1', port, path, headers });
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', () => resolve(0));
		req.end();
	});
}

export interface Row {
	attack: string;
	rule: string;
	tries: number;
	refused: number;
	intact: boolean;
}

/** Collects one row per attack and prints them as a table when the suite ends. */
export class Report {
	readonly rows: Row[] = [];

	add(row: Row): Row {
		this.rows.push(row);
		return row;
	}

	table(): string {
		const head = ['attack', 'rule', 'tries', 'refused', 'data intact'];
		const body = this.rows.map((r) => [
			r.attack,
			r.rule,
			String(r.tries),
			String(r.refused),
			r.intact ? 'yes' : 'NO'
		]);
		const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
		const numeric = (i: number) => i === 2 || i === 3;
		const line = (cells: string[]) =>
			`| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
		const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
		return [line(head), rule, ...body.map(line)].join('\n');
	}
}

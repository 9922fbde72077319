/**
 * R56: after 200 rooms are opened, edited and closed, the server unloads them all and its heap
 * returns near the baseline. Runs tests/support/room-churn.ts in its own process because
 * `global.gc` needs `node --expose-gc`, and a heap shared with other test files would be noise.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../tests/support/child-server';

const ROOMS = 200;
/** Heap growth tolerated after the churn: a few MB of lazily grown pools; leaking the rooms costs far more. */
const MARGIN_BYTES = 15 * 1024 * 1024;
const MB = 1024 * 1024;

describe('server memory', () => {
	it('R56 after 200 rooms are opened and closed, every room is unloaded and the heap is back near its baseline', async () => {
		const { stdout } = await promisify(execFile)(
			process.execPath,
			['--expose-gc', '--import', 'tsx', 'tests/support/room-churn.ts'],
			{ cwd: ROOT, env: { ...process.env, ROOMS: String(ROOMS) }, timeout: 100_000 }
		);
		const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
			baseline: number;
			perRoom: number;
			after: number;
			rooms: number;
			connections: number;
		};
		const mb = (bytes: number) => (bytes / MB).toFixed(1);
		console.log(
			`R56 memory: heap ${mb(report.baseline)} MB before ${ROOMS} rooms, ${mb(report.after)} MB after ` +
				`(an open room costs ${mb(report.perRoom)} MB); ${report.rooms} rooms left loaded`
		);
		expect(report.rooms).toBe(0);
		expect(report.connections).toBe(0);
		expect(report.after - report.baseline).toBeLessThan(MARGIN_BYTES);
		// The check can fail: keeping the rooms would cost well over the margin.
		expect(report.perRoom * ROOMS).toBeGreaterThan(2 * MARGIN_BYTES);
	}, 120_000);
});

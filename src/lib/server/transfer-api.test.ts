import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EXPORT_FORMATS, loadExporter, type ExportFormat } from '../formats/exports';
import { IMPORT_LIMIT_BYTES } from '../formats/imports';
import { parseJson, serializeJson } from '../formats/json';
import { xmlProblem } from '../formats/xml-check';
import { mapOf } from '../model/test-helpers';
import { readMap } from '../sync/read';
import { call, newMap, startApp, storedBytes, type TestApp } from './app-test-helpers';
import { cleanupAll, waitFor } from './sync-test-helpers';

afterEach(cleanupAll);

/** Sends a file to the import endpoint as a browser or script does. */
async function importFile(t: TestApp, id: string, token: string | undefined, body: string, query: string) {
	const res = await fetch(`${t.base}/api/maps/${id}/import?${query}`, {
		method: 'POST',
		headers: { 'content-type': 'text/plain', ...(token && { authorization: `Bearer ${token}` }) },
		body
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
}

const exportText = async (t: TestApp, id: string, token: string, format = 'json') => {
	const res = await fetch(`${t.base}/api/maps/${id}/export?format=${format}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	return { res, text: await res.text() };
};

/** A small map file in the native format, with ids that collide with the article's. */
const FILE = serializeJson(
	mapOf(
		['question:question:Should the seminar drink tea?', 'tea:thesis:Tea is better', 'warm:claim:It is warm'],
		['ans:tea>answers>question', 'r1:warm>supports>tea']
	)
);

/** Formats whose codec is available in this build (the other codecs land separately). */
async function available(): Promise<ExportFormat[]> {
	const out: ExportFormat[] = [];
	for (const f of EXPORT_FORMATS)
		if (
			await loadExporter(f).then(
				() => true,
				() => false
			)
		)
			out.push(f);
	return out;
}

describe('export and import API', () => {
	it(
		'R93: every export format answers with its media type and a file named after the map',
		{ timeout: 60_000 },
		async () => {
			const t = await startApp();
			const map = await newMap(t.base);
			const formats = await available();
			expect(formats).toEqual([...EXPORT_FORMATS]);
			for (const format of formats) {
				const exporter = await loadExporter(format);
				const { res, text } = await exportText(t, map.id, map.viewToken, format);
				expect(res.status, format).toBe(200);
				expect(res.headers.get('content-type')).toBe(`${exporter.mime}; charset=utf-8`);
				expect(res.headers.get('content-disposition')).toBe(
					`attachment; filename="Russia and China an alliance in the making.${exporter.extension}"`
				);
				expect(text.length, format).toBeGreaterThan(100);
			}
			const json = parseJson((await exportText(t, map.id, map.viewToken, 'json')).text);
			expect(json.ok && json.value.claims.length).toBeGreaterThanOrEqual(35);
			const svg = (await exportText(t, map.id, map.viewToken, 'svg')).text;
			expect(xmlProblem(svg)).toBeUndefined();
			expect(svg).toContain('Russia and China keep');
		}
	);

	it('R93: an unknown format is refused naming the allowed ones; the view token suffices, none or a wrong one does not', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		const bad = await call(t.base, 'GET', `/api/maps/${map.id}/export?format=docx`, { token: map.viewToken });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toBe(`format: expected one of ${EXPORT_FORMATS.join(', ')}`);
		expect((await call(t.base, 'GET', `/api/maps/${map.id}/export?format=svg`)).status).toBe(401);
		const other = await newMap(t.base, { template: 'blank' });
		const wrong = await call(t.base, 'GET', `/api/maps/${map.id}/export?format=svg`, {
			token: other.viewToken
		});
		expect(wrong.status).toBe(403);
	});

	it('R96: an import merges beside the map in one update that open editors see live and that is stored', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		const doc = new Y.Doc();
		const p = new WebsocketProvider(t.wsBase, map.id, doc, {
			params: { token: map.viewToken },
			disableBc: true,
			WebSocketPolyfill: WebSocket as never
		});
		await waitFor(() => p.synced, 5000, 'viewer synced');
		const before = readMap(doc).map;
		let updates = 0;
		doc.on('update', () => updates++);
		const res = await importFile(t, map.id, map.editToken, FILE, 'format=json');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			format: 'json',
			mode: 'merge',
			claims: 3,
			relations: 2,
			renamed: 1,
			total: { claims: before.claims.length + 3, relations: before.relations.length + 2 }
		});
		await waitFor(() => readMap(doc).map.claims.length === before.claims.length + 3, 5000, 'viewer sees it');
		expect(updates).toBe(1);
		const after = readMap(doc).map;
		expect(after.title).toBe(before.title);
		const tea = after.claims.find((c) => c.text === 'Tea is better')!;
		const right = Math.max(...before.claims.map((c) => c.x!));
		expect(tea.x).toBeGreaterThan(right);
		// Stored before it was relayed: a fresh load of the stored state has it.
		const stored = new Y.Doc();
		Y.applyUpdate(stored, storedBytes(t.app, map.id));
		expect(readMap(stored).map.claims).toHaveLength(after.claims.length);
		p.destroy();
		doc.destroy();
	});

	it('R96: every importable format is read: an Argdown and a Kialo file join the map', async () => {
		const t = await startApp();
		const map = await newMap(t.base, { template: 'blank', title: 'Seminar' });
		const argdown = '[Tea]: Tea is good.\n  + [Warm]: It is warm.\n  - [Stains]: It stains.\n';
		const a = await importFile(t, map.id, map.editToken, argdown, 'format=argdown');
		expect(a.body).toMatchObject({ format: 'argdown', claims: 3, relations: 2, total: { claims: 3 } });
		const kialo = 'Discussion Title: Coffee?\r\n\r\n1. Coffee is better\r\n1.1. Pro: It wakes you up\r\n';
		const k = await importFile(t, map.id, map.editToken, kialo, 'format=kialo');
		expect(k.body).toMatchObject({ format: 'kialo', claims: 2, total: { claims: 5 }, title: 'Seminar' });
		expect(Array.isArray(k.body.warnings), JSON.stringify(k.body)).toBe(true);
	});

	it(
		'R89: lenient=1 imports what an Argdown file with parser errors still holds; without it the file is refused',
		{ timeout: 30_000 },
		async () => {
			const t = await startApp();
			const map = await newMap(t.base, { template: 'blank', title: 'Seminar' });
			const bytes = storedBytes(t.app, map.id);
			const argdown = readFileSync(
				'../shared/corpus/argdown/argvu-demo-all-relation-symbols.argdown',
				'utf8'
			);
			const strict = await importFile(t, map.id, map.editToken, argdown, 'format=argdown');
			expect(strict.status).toBe(400);
			expect(strict.body.error).toMatch(/^Argdown line 10: .*argument reference/);
			expect(storedBytes(t.app, map.id).equals(bytes)).toBe(true);
			const bad = await importFile(t, map.id, map.editToken, argdown, 'format=argdown&lenient=yes');
			expect([bad.status, bad.body.error]).toEqual([400, 'lenient: expected 0 or 1']);
			const res = await importFile(t, map.id, map.editToken, argdown, 'format=argdown&lenient=1');
			expect(res.body).toMatchObject({ claims: 6, relations: 3, total: { claims: 6 } });
			expect(res.body.warnings).toEqual([
				expect.stringMatching(/^Argdown line 10: .* — skipped$/),
				expect.stringMatching(/^Argdown line 19: .* — skipped$/)
			]);
		}
	);

	it('R96: mode=replace makes the map the file, title included', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		const res = await importFile(t, map.id, map.editToken, FILE, 'format=json&mode=replace');
		expect(res.body).toMatchObject({ mode: 'replace', claims: 3, relations: 2, total: { claims: 3 } });
		const json = parseJson((await exportText(t, map.id, map.viewToken)).text);
		if (!json.ok) throw json.error;
		expect(json.value.claims.map((c) => c.id).sort()).toEqual(['question', 'tea', 'warm']);
		expect(json.value.claims.every((c) => c.x !== undefined)).toBe(true);
		expect((await call(t.base, 'GET', `/api/maps/${map.id}`, { token: map.viewToken })).body.title).toBe(
			'test'
		);
	});

	it('R96: a bad file, format, mode, token or size is refused with a located message and the map is byte-identical', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		await exportText(t, map.id, map.viewToken);
		const bytes = storedBytes(t.app, map.id);
		const exported = (await exportText(t, map.id, map.viewToken)).text;
		const broken = FILE.replace('"kind": "claim"', '"kind": "opinion"');
		const cases: [string | undefined, string, string, number, RegExp][] = [
			[
				map.editToken,
				'{\n  "format": "argmap",\n  oops\n}',
				'format=json',
				400,
				/^JSON \(native\): JSON line 3, column 3/
			],
			[map.editToken, broken, 'format=json', 400, /^JSON \(native\): claims\[2\]\.kind/],
			[map.editToken, FILE, 'format=docx', 400, /^format: expected one of json, argdown/],
			[map.editToken, FILE, '', 400, /^format: expected one of/],
			[map.editToken, FILE, 'format=json&mode=append', 400, /^mode: expected one of merge, replace/],
			[map.viewToken, FILE, 'format=json', 403, /edit link/],
			[undefined, FILE, 'format=json', 401, /token/],
			[map.editToken, 'x'.repeat(IMPORT_LIMIT_BYTES + 1), 'format=json', 413, /larger than/]
		];
		for (const [token, body, query, status, message] of cases) {
			const res = await importFile(t, map.id, token, body, query);
			expect(res.status, query).toBe(status);
			expect(res.body.error, query).toMatch(message);
		}
		expect(storedBytes(t.app, map.id).equals(bytes)).toBe(true);
		expect((await exportText(t, map.id, map.viewToken)).text).toBe(exported);
	});
});

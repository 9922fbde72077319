/** GET /api/maps/:id/export and POST /api/maps/:id/import: files in and out of a live map (R93, R96). */
import type { IncomingMessage } from 'node:http';
import { EXPORT_FORMATS, exportFileName, isExportFormat, loadExporter } from '../formats/exports';
import { IMPORT_LIMIT_BYTES, IMPORT_MODES, parseImport, type ImportMode } from '../formats/imports';
import { TEXT_FORMATS } from '../formats/index';
import { planCommand, type ArgMap } from '../model';
import { laidOut, mergeMaps } from '../model/merge';
import { applyOpsToDoc } from '../sync/apply';
import { readMap } from '../sync/read';
import { requireAccess } from './access';
import type { MapHandler } from './api-maps';
import { bearerToken, HttpError, readBody, sendJson, sendText } from './http';

/** Marks imports in the shared document, apart from any client's changes. */
const IMPORT_ORIGIN = { server: 'import' };

const grant = (ctx: Parameters<MapHandler>[0], req: IncomingMessage, id: string, need: 'view' | 'edit') =>
	requireAccess(ctx.store, id, bearerToken(req), need, { now: ctx.now() });

/**
 * GET /api/maps/:id/export?format=F (view token suffices): the live map in any export format, as a
 * download named after the map's title. Without `format`, the native JSON.
 */
export const exportMapRoute: MapHandler = async (ctx, req, res, id, url) => {
	grant(ctx, req, id, 'view');
	const format = url.searchParams.get('format') ?? 'json';
	if (!isExportFormat(format)) {
		throw new HttpError(400, `format: expected one of ${EXPORT_FORMATS.join(', ')}`);
	}
	let exporter;
	try {
		exporter = await loadExporter(format);
	} catch {
		throw new HttpError(400, `format: ${format} cannot be exported yet`);
	}
	const map = await ctx.sync.withRoom(id, (doc) => readMap(doc).map);
	sendText(res, 200, exporter.mime, exporter.serialize(map), exportFileName(map.title, exporter.extension));
};

/** The map a file makes of the current one: merged beside it, or replacing it (title included). */
function target(current: ArgMap, incoming: ArgMap, mode: ImportMode) {
	if (mode === 'replace') {
		const map = laidOut(incoming);
		const counts = { claims: map.claims.length, relations: map.relations.length, renamed: 0 };
		return {
			map: { ...map, ...(current.source && !map.source && { source: current.source }) },
			summary: counts
		};
	}
	const merged = mergeMaps(current, incoming);
	if (!merged.ok) throw new HttpError(400, merged.error.message);
	return merged.value;
}

/**
 * POST /api/maps/:id/import?format=F[&mode=merge|replace][&lenient=1] (edit token), the file as the
 * body; `lenient=1` skips what an Argdown file's parser cannot read, as warnings (R89).
 * The file is parsed and checked completely before the map is touched; then the change is one
 * transaction on the room's live document, stored and relayed like any client's update, so open
 * editors see it at once. Any refusal leaves the map exactly as it was.
 */
export const importMapRoute: MapHandler = async (ctx, req, res, id, url) => {
	const { record } = grant(ctx, req, id, 'edit');
	const format = url.searchParams.get('format');
	if (!format || !(TEXT_FORMATS as readonly string[]).includes(format)) {
		throw new HttpError(400, `format: expected one of ${TEXT_FORMATS.join(', ')}`);
	}
	const mode = (url.searchParams.get('mode') ?? 'merge') as ImportMode;
	if (!IMPORT_MODES.includes(mode))
		throw new HttpError(400, `mode: expected one of ${IMPORT_MODES.join(', ')}`);
	const lenient = url.searchParams.get('lenient') ?? '0';
	if (lenient !== '0' && lenient !== '1') throw new HttpError(400, 'lenient: expected 0 or 1');
	const text = await readBody(req, IMPORT_LIMIT_BYTES);
	const parsed = await parseImport(text, format, { lenient: lenient === '1' });
	if (!parsed.ok) throw new HttpError(400, parsed.error.message, { format });
	const result = await ctx.sync.withRoom(id, (doc) => {
		const current = readMap(doc).map;
		const { map, summary } = target(current, parsed.value.map, mode);
		const plan = planCommand(current, { type: 'replaceMap', map });
		if (!plan.ok) throw new HttpError(400, plan.error.message, { format });
		applyOpsToDoc(doc, plan.value, IMPORT_ORIGIN);
		return {
			summary,
			title: map.title,
			total: { claims: map.claims.length, relations: map.relations.length },
			warnings: parsed.value.warnings
		};
	});
	if (result.title !== record.title) ctx.store.updateMap(record.id, { title: result.title });
	const { summary, ...rest } = result;
	sendJson(res, 200, { format, mode, ...summary, ...rest });
};

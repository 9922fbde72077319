import type { ArgMap } from '../model';
import { loadCodec, TEXT_FORMATS, type TextFormat } from './index';

/**
 * Everything a map can be exported as from the server (GET /api/maps/:id/export, R93): the text
 * formats of the registry plus pictures drawn from the model alone. PNG and PDF need a browser and
 * are made in the editor (R94).
 */
export const PICTURE_FORMATS = ['svg'] as const;
export const EXPORT_FORMATS = [...TEXT_FORMATS, ...PICTURE_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export needs: a name for menus, the file's extension and media type, and the writer. */
export interface Exporter {
	readonly id: ExportFormat;
	readonly label: string;
	readonly extension: string;
	readonly mime: string;
	readonly serialize: (map: ArgMap) => string;
}

export const isExportFormat = (value: unknown): value is ExportFormat =>
	typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);

/** Loads the writer of a format on demand (codecs are separate chunks). */
export async function loadExporter(format: ExportFormat): Promise<Exporter> {
	if (format === 'svg') {
		const { renderSvg, SVG_FORMAT } = await import('./svg');
		return { id: 'svg', ...SVG_FORMAT, serialize: (map) => renderSvg(map) };
	}
	const codec = await loadCodec(format as TextFormat);
	return {
		id: codec.id,
		label: codec.label,
		extension: codec.extension,
		mime: codec.mime,
		serialize: codec.serialize
	};
}

/**
 * A file name for a map's export: its title with characters file systems or headers dislike
 * replaced, never empty, at most 80 characters before the extension.
 */
export function exportFileName(title: string, extension: string): string {
	const base =
		title
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9._ -]+/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/^\.+/, '')
			.slice(0, 80)
			.trim() || 'argument-map';
	return `${base}.${extension}`;
}

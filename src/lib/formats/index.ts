import type { ArgMap, Result } from '../model';
import { detectFormat } from './detect';

export { detectFormat };

export { MAX_IMPORT_BYTES } from './limits';

/** A parsed file and what the import changed or left out on the way (dialogue nodes skipped, …). */
export interface Imported {
	readonly map: ArgMap;
	readonly warnings: readonly string[];
}

/**
 * The text formats a map is imported from and exported to. Each is a pure codec in its own module,
 * loaded on demand (`loadCodec`), so the editor's first load carries none of them.
 */
export const TEXT_FORMATS = ['json', 'argdown', 'aif', 'kialo', 'graphml', 'markdown'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** How a file is read. `lenient` (Argdown only, R89): skip what the parser cannot read, as warnings. */
export interface ReadOptions {
	readonly lenient?: boolean;
}

export interface Codec {
	readonly id: TextFormat;
	/** What a person reads in menus and messages ("Argdown", "AIF JSON", …). */
	readonly label: string;
	readonly extension: string;
	readonly mime: string;
	/** Reads a whole file; the error names the format and the line or field at fault. Absent: export only. */
	readonly parse?: (text: string) => Result<ArgMap>;
	/** `parse`, with the list of things the format's reader skipped or changed (for the import summary). */
	readonly read?: (text: string, options?: ReadOptions) => Result<Imported>;
	readonly serialize: (map: ArgMap) => string;
}

export const isTextFormat = (value: unknown): value is TextFormat =>
	typeof value === 'string' && (TEXT_FORMATS as readonly string[]).includes(value);

const loaders: Record<TextFormat, () => Promise<Codec>> = {
	json: async () => (await import('./json')).JSON_CODEC,
	argdown: async () => (await import('./argdown')).ARGDOWN_CODEC,
	aif: async () => (await import('./aif')).AIF_CODEC,
	kialo: async () => (await import('./kialo')).KIALO_CODEC,
	graphml: async () => (await import('./graphml')).GRAPHML_CODEC,
	markdown: async () => (await import('./markdown')).MARKDOWN_CODEC
};

export const loadCodec = (format: TextFormat): Promise<Codec> => loaders[format]();

import { parseArgMap, type ArgMap } from '../model';
import { withLayout } from '../model/layout';
import russiaChina from './russia-china.json' with { type: 'json' };

/** The templates a new map can start from (CONTRACT.md: POST /api/maps). */
export const TEMPLATES = ['russia-china', 'blank'] as const;
export type Template = (typeof TEMPLATES)[number];

/**
 * The article map, validated by the same code that validates imports (R32) and laid out by the
 * layered layout, so every client opens it with the same arrangement.
 */
export function articleMap(): ArgMap {
	const parsed = parseArgMap(russiaChina);
	if (!parsed.ok) throw new Error(`The built-in article map is invalid: ${parsed.error.message}`);
	return withLayout(parsed.value);
}

/** A map to start from: the article or a blank map with a title. */
export function templateMap(template: Template, title?: string): ArgMap {
	if (template === 'russia-china') return articleMap();
	return { title: title?.trim() || 'Untitled map', claims: [], relations: [] };
}

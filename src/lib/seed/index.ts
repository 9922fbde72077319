import { parseArgMap, type ArgMap } from '../model';
import { withLayout } from '../model/layout';
import type { SourceDoc } from '../model/source-doc';
import { ARTICLE_TEXT } from './article';
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

/** The id of the article among the preloaded map's sources. */
export const ARTICLE_SOURCE_ID = 'kaczmarski-2021';

/**
 * The sources a new map starts with (R130): the article map carries the article, with its citation,
 * so its claims' quotes are anchored in it; a blank map has none.
 */
export function templateSources(template: Template): SourceDoc[] {
	if (template !== 'russia-china') return [];
	const { source } = articleMap();
	return [
		{
			id: ARTICLE_SOURCE_ID,
			title: source?.title ?? 'Russia–China: Ever Closer Relationship, But Not an Alliance Yet',
			author: source?.author,
			year: source?.year,
			doi: source?.doi,
			url: `https://doi.org/${source?.doi ?? '10.3929/ethz-b-000476768'}`,
			text: ARTICLE_TEXT,
			addedAt: 0
		}
	];
}

import type { ArgMap } from './map';
import { parseArgMap } from './parse-map';

/**
 * Compact notation for test maps: claims as "id:kind:text", relations as "id:from>kind>to".
 * e.g. mapOf(['t:thesis:Tea is good', 'a:claim:It is warm'], ['r1:a>supports>t'])
 */
export function mapOf(claims: string[], relations: string[] = []): ArgMap {
	const parsed = parseArgMap({
		format: 'argmap',
		version: 1,
		title: 'test',
		claims: claims.map((spec) => {
			const [id, kind, ...text] = spec.split(':');
			return { id, kind, text: text.join(':') || id };
		}),
		relations: relations.map((spec) => {
			const [id, rest] = spec.split(':') as [string, string];
			const [from, kind, to] = rest.split('>');
			return { id, kind, from, to };
		})
	});
	if (!parsed.ok) throw parsed.error;
	return parsed.value;
}

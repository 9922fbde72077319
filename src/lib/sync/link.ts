/** What a map link's fragment grants: `#edit=<token>` or `#view=<token>` (CONTRACT.md). */
export interface LinkAccess {
	access: 'edit' | 'view';
	token: string;
}

/** Reads the access token from a link's fragment; undefined when there is none. */
export function parseLinkFragment(hash: string): LinkAccess | undefined {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	for (const access of ['edit', 'view'] as const) {
		const token = params.get(access);
		if (token) return { access, token };
	}
	return undefined;
}

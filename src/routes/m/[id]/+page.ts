import { error } from '@sveltejs/kit';
import { isId } from '$lib/model';
import type { PageLoad } from './$types';

// The editor lives in the browser: the map comes over the websocket, not from server rendering.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
	if (!isId(params.id)) error(404, 'There is no map at this address');
	// Fetch and compile the diagram (Cytoscape) while the editor starts and the map syncs (R171).
	void import('$lib/view/graph-view');
	return { id: params.id };
};

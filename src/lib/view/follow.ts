import type { NodeSingular } from 'cytoscape';
import { setClass } from './classes';
import { junctionId } from './elements';
import { isComb, midpoint, type Box } from './route';

const boxOf = (n: NodeSingular): Box => ({
	...n.position(),
	width: n.data('width'),
	height: n.data('height')
});

/**
 * Keeps the undercut markers in the middle of their relations, and comb edges combed, while a person
 * drags a claim (a stored map is drawn by toElements, which places them itself).
 */
export function followMovedClaim(node: NodeSingular) {
	node.connectedEdges().forEach((edge) => {
		if (edge.target().data('kind') === 'junction') return;
		const source = boxOf(edge.source());
		const target = boxOf(edge.target());
		setClass(edge, 'comb', isComb(source, target));
		const junction = node.cy().getElementById(junctionId(edge.id()));
		if (junction.nonempty()) junction.position(midpoint(source, target));
	});
}

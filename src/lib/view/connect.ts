import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import edgehandles from 'cytoscape-edgehandles';

let registered = false;

/** The drag-to-connect gesture (cytoscape-edgehandles): the app, not the graph, decides what is created. */
export interface ConnectGesture {
	/** Starts a connection from a claim, as if its handle were grabbed; the drop target is the other end. */
	start(id: string): void;
	destroy(): void;
}

export function connectGesture(cy: Core, onConnect: (from: string, to: string) => void): ConnectGesture {
	if (!registered) {
		cytoscape.use(edgehandles);
		registered = true;
	}
	const handles = cy.edgehandles({
		canConnect: (source: NodeSingular, target: NodeSingular) =>
			source.id() !== target.id() && target.data('kind') !== 'junction',
		hoverDelay: 100,
		snap: true,
		snapThreshold: 30,
		disableBrowserGestures: true
	});
	const onComplete = (
		_e: unknown,
		source: NodeSingular,
		target: NodeSingular,
		added: cytoscape.EdgeCollection
	) => {
		// The preview edge is the library's: remove it; the relation arrives through the shared map.
		added.remove();
		onConnect(source.id(), target.id());
	};
	cy.on('ehcomplete', onComplete as never);
	return {
		start(id) {
			const node = cy.getElementById(id);
			if (node.nonempty()) handles.start(node);
		},
		destroy() {
			cy.off('ehcomplete', onComplete as never);
			handles.destroy();
		}
	};
}

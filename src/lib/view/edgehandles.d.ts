declare module 'cytoscape-edgehandles' {
	const ext: cytoscape.Ext;
	export default ext;
}

declare namespace cytoscape {
	interface EdgeHandlesInstance {
		start(node: NodeSingular): void;
		stop(): void;
		destroy(): void;
		enableDrawMode(): void;
		disableDrawMode(): void;
	}
	interface Core {
		edgehandles(options: Record<string, unknown>): EdgeHandlesInstance;
	}
}

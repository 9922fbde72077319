import type { Core } from 'cytoscape';
import { rendererOf } from './renderer';

interface LabelledElement {
	_private: { labelKey?: unknown; rscratch: Record<string, unknown> };
}
type GetLabelText = (this: unknown, ele: LabelledElement, prefix?: string) => string;

/**
 * Cytoscape 3.35 wraps a node's label anew, one `measureText` per word, every time the node moves or is
 * restyled: the wrap cache in its `getLabelText` compares `rscratch.labelKey`, which nothing sets since
 * label measuring was reworked (cytoscape.js PR #3348). Setting it from the element's style hash
 * (`_private.labelKey`, which covers the label text and every property that changes its size) before each
 * call brings the intended cache back. Moving 1,000 claims (Tidy layout) no longer re-measures every word.
 */
export function restoreLabelWrapCache(cy: Core): void {
	const renderer = rendererOf<{ getLabelText: GetLabelText }>(cy);
	const original = renderer?.getLabelText;
	if (!renderer || typeof original !== 'function') return;
	renderer.getLabelText = function (ele, prefix) {
		if (!prefix && ele._private.labelKey != null) ele._private.rscratch.labelKey = ele._private.labelKey;
		return original.call(this, ele, prefix);
	};
}

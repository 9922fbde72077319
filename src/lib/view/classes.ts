import type { SingularElementArgument } from 'cytoscape';

/**
 * Sets or clears one class on one element, touching it only when that changes anything: Cytoscape's
 * `toggleClass(c, on)` (and `addClass`, `removeClass`) restyles every element it is given, even one that
 * already had (or lacked) the class, which made each edit restyle the whole map (R22).
 */
export function setClass(ele: SingularElementArgument, cls: string, on: boolean): void {
	if (ele.hasClass(cls) !== on) ele.toggleClass(cls, on);
}

/** Sets a data field only when its value differs (Cytoscape restyles on every `data(key, value)`). */
export function setData(ele: SingularElementArgument, key: string, value: unknown): void {
	if (ele.data(key) !== value) ele.data(key, value);
}

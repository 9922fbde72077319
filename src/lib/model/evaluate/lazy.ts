/**
 * A read-only map whose values are computed on first read: the label reasons are sentences nobody reads for
 * most claims, and building a thousand of them would be most of an evaluation's cost.
 */
export class LazyMap<V> implements ReadonlyMap<string, V> {
	readonly #keys: readonly string[];
	readonly #position: ReadonlyMap<string, number>;
	readonly #compute: (index: number) => V;
	readonly #cache = new Map<string, V>();

	constructor(keys: readonly string[], position: ReadonlyMap<string, number>, compute: (index: number) => V) {
		this.#keys = keys;
		this.#position = position;
		this.#compute = compute;
	}

	get size() {
		return this.#keys.length;
	}

	has(key: string) {
		return this.#position.has(key);
	}

	get(key: string): V | undefined {
		const i = this.#position.get(key);
		if (i === undefined) return undefined;
		let value = this.#cache.get(key);
		if (value === undefined) {
			value = this.#compute(i);
			this.#cache.set(key, value);
		}
		return value;
	}

	*entries(): MapIterator<[string, V]> {
		for (const key of this.#keys) yield [key, this.get(key)!];
	}

	keys(): MapIterator<string> {
		return this.#keys[Symbol.iterator]() as MapIterator<string>;
	}

	*values(): MapIterator<V> {
		for (const key of this.#keys) yield this.get(key)!;
	}

	forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void) {
		for (const key of this.#keys) callback(this.get(key)!, key, this);
	}

	[Symbol.iterator]() {
		return this.entries();
	}
}

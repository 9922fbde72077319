/** Resolves after the next frame is drawn (or 100 ms, in a hidden tab where frames stop). */
const afterNextFrame = () =>
	new Promise<void>((resolve) => {
		const done = () => setTimeout(resolve, 0);
		const timer = setTimeout(done, 100);
		requestAnimationFrame(() => {
			clearTimeout(timer);
			done();
		});
	});

/**
 * Hands `items` to `step` in slices of `size`, one slice per frame from the next one on (not in the
 * task that asked, which may be long already), so that work on a large map never blocks the page for
 * long (R172). Answers whether any step answered true.
 */
export async function inSteps<T>(
	items: readonly T[],
	size: number,
	step: (slice: T[]) => boolean
): Promise<boolean> {
	let any = false;
	for (let i = 0; i < items.length; i += size) {
		await afterNextFrame();
		any = step(items.slice(i, i + size)) || any;
	}
	return any;
}

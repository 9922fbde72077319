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

/** Resolves in a task of its own, after the tasks queued already (a new frame may come first). */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Hands `items` to `step` in slices of `size`, one slice per frame from the next one on (not in the
 * task that asked, which may be long already), so that work on a large map never blocks the page for
 * long (R172). A step may take more than one task (it answers a promise then); the next slice waits for
 * it and for the next frame. Answers whether any step answered true.
 */
export async function inSteps<T>(
	items: readonly T[],
	size: number,
	step: (slice: T[]) => boolean | Promise<boolean>
): Promise<boolean> {
	let any = false;
	let frame = afterNextFrame();
	for (let i = 0; i < items.length; i += size) {
		await frame;
		// Asked for before the step, whose later tasks may then end before that frame.
		frame = afterNextFrame();
		any = (await step(items.slice(i, i + size))) || any;
	}
	return any;
}

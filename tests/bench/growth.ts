/**
 * Document growth (R175): a person works on a 1,000-claim map for 10,000 edits (typing in claims
 * keystroke by keystroke, drags, new claims, deletions), each edit its own transaction as in the
 * editor, and the encoded document is weighed before and after, the way the server stores it.
 */
import * as Y from 'yjs';
import { applyOps, planCommand, type ArgMap, type Command } from '../../src/lib/model';
import { generateMap } from '../../src/lib/model/generate';
import { withLayout } from '../../src/lib/model/layout';
import { pick, seededRandom } from '../../src/lib/model/random';
import { applyOpsToDoc, writeMap } from '../../src/lib/sync/apply';

const WORDS = 'the trade pipeline is not a sign of alliance but of mutual dependence on energy markets'.split(
	' '
);

export interface Growth {
	/** Bytes the edits added to the encoded document. */
	added: number;
	/** Encoded size before the edits. */
	before: number;
	edits: number;
}

/**
 * Runs `edits` seeded edits: 70% keystrokes (a burst of typing, now and then a backspace, in one
 * claim), 18% drags of one to three claims, 7% new claims under a random one, 5% deletions of a
 * claim without reasons. The server's copy receives every update, as over the wire.
 */
export function documentGrowth(edits = 10_000, seed = 7): Growth {
	const random = seededRandom(seed);
	let map: ArgMap = withLayout(generateMap(1000, seed));
	const client = new Y.Doc();
	writeMap(client, map);
	const server = new Y.Doc();
	Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
	client.on('update', (update: Uint8Array) => Y.applyUpdate(server, update));
	const before = Y.encodeStateAsUpdate(server).length;
	const origin = { bench: true };
	let typingIn: string | undefined;
	let burst = 0;
	let added = 0;
	const run = (cmd: Command) => {
		const plan = planCommand(map, cmd);
		if (!plan.ok || plan.value.length === 0) return false;
		applyOpsToDoc(client, plan.value, origin);
		map = applyOps(map, plan.value);
		return true;
	};
	const someClaim = () => pick(random, map.claims)!;
	for (let done = 0; done < edits;) {
		const r = random();
		let ok: boolean;
		if (r < 0.7) {
			if (!typingIn || burst <= 0 || !map.claims.some((c) => c.id === typingIn)) {
				typingIn = someClaim().id;
				burst = 10 + Math.floor(random() * 60);
			}
			const claim = map.claims.find((c) => c.id === typingIn)!;
			const text =
				random() < 0.1 && claim.text.length > 1
					? claim.text.slice(0, -1)
					: `${claim.text}${claim.text.endsWith(' ') ? '' : ' '}${pick(random, WORDS)!}`.slice(0, 2000);
			// One keystroke at a time: the word arrives letter by letter.
			const target = text;
			if (target.length > claim.text.length && target.startsWith(claim.text)) {
				for (let i = claim.text.length + 1; i <= target.length && done < edits; i++) {
					if (run({ type: 'editText', id: claim.id, text: target.slice(0, i) })) done++;
				}
				burst -= target.length - claim.text.length;
				continue;
			}
			ok = run({ type: 'editText', id: claim.id, text });
			burst--;
		} else if (r < 0.88) {
			const moved = Array.from({ length: 1 + Math.floor(random() * 3) }, someClaim);
			const dx = Math.round((random() - 0.5) * 400);
			const dy = Math.round((random() - 0.5) * 300);
			ok = run({
				type: 'move',
				positions: [...new Map(moved.map((c) => [c.id, c])).values()].map((c) => ({
					id: c.id,
					x: (c.x ?? 0) + dx,
					y: (c.y ?? 0) + dy
				}))
			});
		} else if (r < 0.95) {
			const parent = someClaim();
			const id = `n${added++}`;
			ok = run({
				type: 'addClaim',
				claim: { id, kind: 'claim', text: 'New claim', x: (parent.x ?? 0) + 40, y: (parent.y ?? 0) + 120 },
				link: { id: `rn${added}`, kind: random() < 0.6 ? 'supports' : 'attacks', to: parent.id }
			});
			if (ok) {
				typingIn = id;
				burst = 20 + Math.floor(random() * 60);
			}
		} else {
			const reasons = new Set(map.relations.map((rel) => rel.to));
			const leaf = pick(
				random,
				map.claims.filter((c) => c.kind !== 'question' && c.kind !== 'thesis' && !reasons.has(c.id))
			);
			ok = leaf !== undefined && run({ type: 'deleteClaims', ids: [leaf.id] });
		}
		if (ok) done++;
	}
	const after = Y.encodeStateAsUpdate(server).length;
	client.destroy();
	server.destroy();
	return { added: after - before, before, edits };
}

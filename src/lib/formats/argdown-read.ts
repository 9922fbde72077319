import {
	ArgdownApplication,
	DataPlugin,
	ModelPlugin,
	ParserPlugin,
	type IArgdownResponse,
	type IArgument,
	type IEquivalenceClass,
	type IRelation,
	type RelationMember
} from '@argdown/core';
import { fail, ok, SECTION_MAX, type ClaimKind, type Result } from '../model';
import { cleanSource, Draft, oneLine } from './draft';
import type { Imported, ReadOptions } from './index';

/** One Argdown document: the whole file, or one ```argdown block of a Markdown file. */
interface Block {
	source: string;
	/** Lines of the file before the block's first line. */
	offset: number;
}

let app: ArgdownApplication | undefined;

/** Parser and model builder only: no map, no export, no rendering. */
function argdown(): ArgdownApplication {
	if (!app) {
		app = new ArgdownApplication();
		app.addPlugin(new ParserPlugin(), 'parse-input');
		app.addPlugin(new DataPlugin(), 'build-model');
		app.addPlugin(new ModelPlugin(), 'build-model');
	}
	return app;
}

/** The ```argdown (and ```argdown-map) blocks of a Markdown file, or the whole text. */
function blocksOf(text: string): Block[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	if (!lines.some((l) => /^```argdown(-map)?\s*$/.test(l))) return [{ source: lines.join('\n'), offset: 0 }];
	const blocks: Block[] = [];
	let open: number | undefined;
	lines.forEach((line, i) => {
		if (open === undefined && /^```argdown(-map)?\s*$/.test(line)) open = i + 1;
		else if (open !== undefined && /^```\s*$/.test(line)) {
			blocks.push({ source: lines.slice(open, i).join('\n'), offset: open });
			open = undefined;
		}
	});
	return blocks;
}

interface Problem {
	line: number;
	message: string;
}

/** Every lexer and parser error Argdown reports, each with the line in the file it comes from. */
function syntaxErrors(res: IArgdownResponse, block: Block): Problem[] {
	const lexer = (res.lexerErrors ?? []).map((e) => ({
		line: (e.line ?? 1) + block.offset,
		message: e.message
	}));
	const parser = (res.parserErrors ?? []).map((e) => {
		const token = [e.token, (e as { previousToken?: typeof e.token }).previousToken].find((t) =>
			Number.isFinite(t?.startLine)
		);
		return { line: (token?.startLine ?? 1) + block.offset, message: e.message };
	});
	return [...lexer, ...parser];
}

/** Model errors carry no location: each points at the last line naming the element it mentions. */
function modelErrors(res: IArgdownResponse, block: Block): Problem[] {
	const lines = block.source.split('\n');
	return (res.exceptions ?? []).map((exception) => {
		const named = /[<[][^\]>]+[\]>]/.exec(exception.message)?.[0];
		const at = named ? lines.findLastIndex((l) => l.includes(named)) : -1;
		return { line: Math.max(at, 0) + 1 + block.offset, message: exception.message };
	});
}

const UNTITLED = /^Untitled \d+$/;
const KINDS: ClaimKind[] = ['question', 'thesis', 'evidence', 'claim'];

const kindOf = (tags: string[] | undefined): ClaimKind => KINDS.find((k) => tags?.includes(k)) ?? 'claim';

/** Text without the kind tags (which say the kind, not the claim). */
function cleanText(text: string, tags: string[] | undefined): string {
	let out = text;
	for (const k of KINDS)
		if (tags?.includes(k)) out = out.replace(new RegExp(`(^|\\s)#${k}(?=\\s|$)`, 'g'), '$1');
	return out.replace(/\s+/g, ' ').trim();
}

interface Data {
	text?: unknown;
	quote?: unknown;
	x?: unknown;
	y?: unknown;
}

const dataFields = (data: Data | undefined) => ({
	...(typeof data?.quote === 'string' && { quote: data.quote }),
	...(typeof data?.x === 'number' && typeof data.y === 'number' && { x: data.x, y: data.y })
});

const lineOf = (startLine: number | undefined, block: Block) => `line ${(startLine ?? 1) + block.offset}`;

/** An argument's text: its description, then its premise-conclusion structure, one statement a line. */
function argumentText(a: IArgument, textOf: (title: string | undefined) => string | undefined): string {
	const description = a.members.find((m) => m.text?.trim())?.text;
	const lines = description ? [cleanText(description, a.tags)] : [];
	a.pcs.forEach((s, i) => {
		if (s.role !== 'premise') lines.push('----');
		const text = s.text?.trim() ? s.text : (textOf(s.title) ?? s.title ?? '');
		lines.push(`(${i + 1}) ${text.replace(/\s+/g, ' ').trim()}`);
	});
	return lines.join('\n') || a.title || 'Argument';
}

function readBlock(res: IArgdownResponse, block: Block, draft: Draft): Result<true> {
	const ids = new Map<object, string>();
	const ecs = Object.values(res.statements ?? {}) as IEquivalenceClass[];
	const args = Object.values(res.arguments ?? {}) as IArgument[];
	// Statements only used, untitled and unrelated, inside one argument's reconstruction stay in its text.
	const isClaim = (ec: IEquivalenceClass) =>
		ec.isUsedAsTopLevelStatement ||
		ec.isUsedAsRelationStatement ||
		!UNTITLED.test(ec.title ?? '') ||
		!!ec.relations?.length;
	for (const ec of ecs.filter(isClaim)) {
		const data = ec.data as Data | undefined;
		const member = ec.members.find((m) => m.text?.trim()) ?? ec.members[0];
		const id = draft.freshId(ec.title ?? 'statement');
		const text =
			typeof data?.text === 'string' ? data.text : cleanText(member?.text ?? '', ec.tags) || (ec.title ?? '');
		const section = ec.section?.title ? oneLine(ec.section.title, SECTION_MAX) : undefined;
		const added = draft.addClaim(
			id,
			{ kind: kindOf(ec.tags), text, ...(section && { section }), ...dataFields(data) },
			lineOf(member?.startLine, block)
		);
		if (!added.ok) return added;
		ids.set(ec, id);
	}
	const textOf = (title: string | undefined) =>
		ecs.find((ec) => ec.title === title)?.members.find((m) => m.text?.trim())?.text;
	for (const a of args) {
		const data = a.data as Data | undefined;
		const id = draft.freshId(a.title ?? 'argument');
		const text = typeof data?.text === 'string' ? data.text : argumentText(a, textOf);
		const section = a.section?.title ? oneLine(a.section.title, SECTION_MAX) : undefined;
		const added = draft.addClaim(
			id,
			{ kind: kindOf(a.tags), text, ...(section && { section }), ...dataFields(data) },
			lineOf(a.members[0]?.startLine ?? a.startLine, block)
		);
		if (!added.ok) return added;
		ids.set(a, id);
	}
	const byTitle = new Map(ecs.map((ec) => [ec.title, ec]));
	const argsByTitle = new Map(args.map((a) => [a.title, a]));
	const idOf = (m: RelationMember | undefined) =>
		!m ? undefined : m.type === 'inference' ? ids.get(argsByTitle.get(m.argumentTitle) ?? {}) : ids.get(m);
	// A reconstruction links its statements that are claims to the argument: premises support it, it supports its conclusions.
	for (const a of args) {
		for (const s of a.pcs) {
			const ec = ids.get(byTitle.get(s.title) ?? {});
			if (!ec) continue;
			const where = `Argdown ${lineOf(s.startLine, block)}`;
			if (s.role === 'premise') draft.support(ec, ids.get(a)!, where);
			else draft.support(ids.get(a)!, ec, where);
		}
	}
	const undercuts: IRelation[] = [];
	for (const r of res.relations ?? []) {
		const from = idOf(r.from);
		const to = idOf(r.to);
		const where = `Argdown ${lineOf(r.occurrences?.[0]?.startLine, block)}`;
		if (!from || !to) {
			draft.warnings.push(`${where}: a relation with an unknown end was left out`);
			continue;
		}
		if (r.relationType === 'undercut') undercuts.push(r);
		else if (r.relationType === 'support' || r.relationType === 'entails') draft.support(from, to, where);
		else {
			draft.relate('attacks', from, to, where);
			if (r.relationType === 'contradictory') draft.relate('attacks', to, from, where);
		}
	}
	for (const r of undercuts) {
		const from = idOf(r.from)!;
		const reason = idOf(r.to)!;
		const where = `Argdown ${lineOf(r.occurrences?.[0]?.startLine, block)}`;
		const onInference = r.to?.type === 'argument' || r.to?.type === 'inference';
		const targets = onInference
			? draft.relationsFrom(reason).filter((t) => t.kind === 'supports' || t.kind === 'attacks')
			: [];
		if (!targets.length) {
			draft.warnings.push(
				`${where}: an undercut of something that is not an argument's inference became an attack`
			);
			draft.relate('attacks', from, reason, where);
		}
		for (const t of targets) draft.relate('undercuts', from, t.id, where);
	}
	return ok(true);
}

/** A title line from the Markdown around the blocks: front matter `title:`, else the first heading. */
function markdownTitle(text: string): string | undefined {
	return /^title:\s*(.+)$/m.exec(text)?.[1]?.replace(/^["']|["']$/g, '') ?? /^#\s+(.+)$/m.exec(text)?.[1];
}

const NO_CLAIMS = 'the file holds no claims';
const NOTHING_READ = 'Argdown: nothing in the file could be read, so nothing was imported';

/**
 * Reads Argdown with @argdown/core (R83): statements and arguments become claims (an argument's
 * premise-conclusion structure is kept in its text), support and entailment become supports,
 * attack, contrariety and contradiction (both ways) attacks, an undercut of an argument undercuts
 * each support or attack starting at it. A Markdown file's ```argdown blocks are read one by one.
 * Any lexer, parser or model error refuses the file, naming its line. Leniently (R89), lexer and
 * parser errors, and the model errors that follow from them, are warnings instead: what Argdown's
 * own error recovery still reads is imported, and a file of which nothing is readable gives an
 * empty map with a warning saying so.
 */
export function readArgdown(text: string, options: ReadOptions = {}): Result<Imported> {
	const blocks = blocksOf(text);
	const draft = new Draft('Argdown');
	let title: string | undefined;
	let source: unknown;
	let skipped = false;
	for (const block of blocks) {
		const res = argdown().run({
			input: block.source,
			process: ['parse-input', 'build-model'],
			throwExceptions: false,
			logLevel: 'none'
		});
		const syntax = syntaxErrors(res, block);
		const model = modelErrors(res, block);
		const lenient = options.lenient && syntax.length > 0;
		if (!lenient) {
			const error = syntax[0] ?? model[0];
			if (error) return fail('BAD_FORMAT', `Argdown line ${error.line}`, error.message);
		} else {
			skipped = true;
			// A model error naming no element ("No ast field") only follows from the syntax error.
			const named = model.filter((m) => /[<[][^\]>]+[\]>]/.test(m.message));
			for (const e of [...syntax, ...named])
				draft.warnings.push(`Argdown line ${e.line}: ${e.message} — skipped`);
		}
		const front = res.frontMatter as { title?: unknown; source?: unknown } | undefined;
		if (title === undefined && typeof front?.title === 'string') title = front.title;
		source ??= front?.source;
		const read = readBlock(res, block, draft);
		if (!read.ok) return read;
	}
	if (blocks.length !== 1 || blocks[0]!.offset !== 0) title ??= markdownTitle(text);
	const finished = draft.finish(title ?? 'Imported Argdown', cleanSource(source));
	if (!skipped || !finished.ok || finished.value.map.claims.length) return finished;
	const warnings = finished.value.warnings.filter((w) => w !== NO_CLAIMS);
	return ok({ ...finished.value, warnings: [...warnings, NOTHING_READ] });
}

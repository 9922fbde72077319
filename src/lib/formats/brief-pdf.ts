import type { Brief, BriefClaim } from './brief';
import { standing } from './brief';

/**
 * The debate brief as a printable PDF (R123): A4 portrait, headings per side and line, reasons, evidence
 * quotes and rebuttals wrapped to the page, page numbers in the footer. jsPDF is loaded only when a brief
 * is printed, never with the editor.
 */

/** Page margin, mm. */
const MARGIN = 18;
/** Line height as a multiple of the font size (pt → mm is 0.3528). */
const LEADING = 1.35 * 0.3528;
/** A heading starting this close to the bottom (mm) moves to the next page with what follows it. */
const KEEP_WITH_NEXT = 30;

type Style = 'normal' | 'bold' | 'italic' | 'bolditalic';

interface Block {
	text: string;
	size?: number;
	style?: Style;
	/** Left indent, mm. */
	indent?: number;
	/** Space before, mm. */
	before?: number;
	/** A bullet drawn in the indent's gutter. */
	bullet?: string;
	colour?: [number, number, number];
	/** A bar in the left margin (quotes). */
	bar?: boolean;
	heading?: boolean;
}

/** Characters of Windows-1252 beyond Latin-1: all the standard PDF fonts can draw. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Text the standard fonts can draw: other characters lose their accents or become "?". */
export function pdfSafe(text: string): string {
	let out = '';
	for (const ch of text.replace(/\s+/g, ' ').trim()) {
		const code = ch.codePointAt(0)!;
		if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(ch))
			out += ch;
		else {
			const plain = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
			out += /^[\x20-\x7e]+$/.test(plain) ? plain : '?';
		}
	}
	return out;
}

const withStanding = (c: BriefClaim) => {
	const s = standing(c);
	return s ? `${c.text} (${s})` : c.text;
};
const from = (c: BriefClaim) => (c.section ? ` (${c.section})` : '');

/** The brief as blocks of text, in reading order. */
function blocks(brief: Brief): Block[] {
	const out: Block[] = [{ text: `Debate brief: ${brief.title}`, size: 18, style: 'bold', heading: true }];
	const field = (name: string, value: string) =>
		out.push({ text: `${name}: ${value}`, size: 10, before: 1.5 });
	if (brief.question) field('Question', brief.question.text);
	if (brief.thesis) field('Thesis', withStanding(brief.thesis));
	if (brief.source) field('Source', brief.source);
	out.push({
		text: brief.order,
		size: 9,
		style: 'italic',
		before: 2,
		colour: [84, 110, 122]
	});
	for (const side of brief.sides) {
		out.push({ text: side.title, size: 15, style: 'bold', before: 8, heading: true, colour: [31, 78, 121] });
		if (side.lines.length === 0)
			out.push({ text: 'No lines of argument on this side yet.', size: 10, style: 'italic', before: 2 });
		side.lines.forEach((line, i) => {
			out.push({ text: `${i + 1}. ${line.claim.text}`, size: 12, style: 'bold', before: 6, heading: true });
			const s = standing(line.claim);
			if (s) out.push({ text: s[0]!.toUpperCase() + s.slice(1), size: 9, before: 1, colour: [84, 110, 122] });
			if (line.claim.quote)
				out.push({
					text: `“${line.claim.quote}”${from(line.claim)}`,
					size: 10,
					style: 'italic',
					indent: 4,
					before: 2,
					bar: true
				});
			const sub = (title: string) =>
				out.push({ text: title, size: 10, style: 'bold', before: 3, heading: true });
			if (line.reasons.length > 0) {
				sub('Reasons');
				for (const r of line.reasons)
					out.push({ text: withStanding(r.claim), size: 10, indent: 4 * r.depth, before: 1, bullet: '•' });
			}
			sub('Evidence');
			if (line.evidence.length === 0)
				out.push({
					text: 'None yet: find some before the debate.',
					size: 10,
					style: 'italic',
					indent: 4,
					before: 1
				});
			for (const e of line.evidence) {
				out.push({ text: e.text, size: 10, indent: 4, before: 1, bullet: '•' });
				if (e.quote)
					out.push({
						text: `“${e.quote}”${from(e)}`,
						size: 9.5,
						style: 'italic',
						indent: 8,
						before: 0.5,
						bar: true
					});
			}
			sub('Rebuttals to expect');
			if (line.rebuttals.length === 0)
				out.push({ text: 'None in the map.', size: 10, style: 'italic', indent: 4, before: 1 });
			for (const r of line.rebuttals) {
				const on = r.target.id === line.claim.id ? `${r.how} this line` : `${r.how} “${r.target.text}”`;
				out.push({ text: `${withStanding(r.claim)} — ${on}`, size: 10, indent: 4, before: 1, bullet: '•' });
				out.push(
					r.answers.length
						? {
								text: `Answer: ${r.answers.map((a) => `“${a.text}”`).join('; ')}`,
								size: 9.5,
								indent: 8,
								before: 0.5
							}
						: {
								text: 'No answer yet.',
								size: 9.5,
								style: 'bold',
								indent: 8,
								before: 0.5,
								colour: [183, 28, 28]
							}
				);
			}
		});
	}
	return out;
}

/** Lays the brief out on A4 pages and returns the PDF file's bytes. */
export async function briefPdf(brief: Brief): Promise<Uint8Array> {
	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait' });
	doc.setProperties({ title: pdfSafe(`Debate brief: ${brief.title}`), creator: 'Argument maps, together' });
	const width = doc.internal.pageSize.getWidth();
	const height = doc.internal.pageSize.getHeight();
	const bottom = height - MARGIN;
	let y = MARGIN;
	for (const b of blocks(brief)) {
		const size = b.size ?? 10;
		const lineHeight = size * LEADING;
		const indent = b.indent ?? 0;
		doc.setFont('helvetica', b.style ?? 'normal');
		doc.setFontSize(size);
		doc.setTextColor(...(b.colour ?? [28, 28, 28]));
		const lines = doc.splitTextToSize(pdfSafe(b.text), width - 2 * MARGIN - indent) as string[];
		y += b.before ?? 0;
		const needed = b.heading ? KEEP_WITH_NEXT : lineHeight;
		if (y + needed > bottom && y > MARGIN + 1) {
			doc.addPage();
			y = MARGIN;
		}
		if (b.bullet) doc.text(b.bullet, MARGIN + indent - 3.5, y + lineHeight * 0.75);
		lines.forEach((line, i) => {
			if (i > 0 && y + lineHeight > bottom) {
				doc.addPage();
				y = MARGIN;
			}
			doc.text(line, MARGIN + indent, y + lineHeight * 0.75);
			if (b.bar) {
				doc.setDrawColor(176, 190, 197);
				doc.setLineWidth(0.6);
				doc.line(MARGIN + indent - 2, y + 0.3, MARGIN + indent - 2, y + lineHeight);
			}
			y += lineHeight;
		});
	}
	const pages = doc.getNumberOfPages();
	for (let p = 1; p <= pages; p++) {
		doc.setPage(p);
		doc.setFont('helvetica', 'normal');
		doc.setFontSize(8);
		doc.setTextColor(120, 144, 156);
		doc.text(pdfSafe(`${brief.title} · debate brief`), MARGIN, height - 8);
		doc.text(`Page ${p} of ${pages}`, width - MARGIN, height - 8, { align: 'right' });
	}
	return new Uint8Array(doc.output('arraybuffer'));
}

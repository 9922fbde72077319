import type { GraphView } from './graph-view';

/** The background of an exported picture: white for slides and print, or none (transparent). */
export type Background = 'white' | 'transparent';
export type Paper = 'a4' | 'letter';

/** PNG pixels per diagram pixel: sharp on high-density screens and projectors (R94). */
export const PNG_SCALE = 2;
/** Margin around the map on a PDF page, in points (about 1 cm). */
const PDF_MARGIN = 28;

/**
 * The whole map as a PNG at twice its size (R94), drawn by Cytoscape exactly as on screen, with
 * a white or transparent background.
 */
export function pngOf(view: GraphView, background: Background): Blob {
	return view.cy.png({
		full: true,
		scale: PNG_SCALE,
		output: 'blob',
		...(background === 'white' && { bg: '#ffffff' })
	});
}

/**
 * A one-page landscape PDF (A4 or Letter) with the map's SVG fitted and centred on it (R94): vector
 * shapes and real text, so it prints sharp and its words can be searched and copied. jsPDF and
 * svg2pdf are loaded only when a PDF is asked for.
 */
export async function pdfOf(svg: string, paper: Paper, title: string): Promise<Blob> {
	const [{ jsPDF }] = await Promise.all([import('jspdf'), import('svg2pdf.js')]);
	const pdf = new jsPDF({ orientation: 'landscape', unit: 'pt', format: paper, compress: true });
	const element = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
	const width = Number(element.getAttribute('width')) || 1;
	const height = Number(element.getAttribute('height')) || 1;
	const pageWidth = pdf.internal.pageSize.getWidth();
	const pageHeight = pdf.internal.pageSize.getHeight();
	const scale = Math.min((pageWidth - 2 * PDF_MARGIN) / width, (pageHeight - 2 * PDF_MARGIN) / height);
	await pdf.svg(element, {
		x: (pageWidth - width * scale) / 2,
		y: (pageHeight - height * scale) / 2,
		width: width * scale,
		height: height * scale
	});
	pdf.setProperties({ title, creator: 'Argument maps, together' });
	return pdf.output('blob');
}

import type { StylesheetJson } from 'cytoscape';
import { FONT_SIZE, LINE_HEIGHT, PADDING, TEXT_WIDTH } from '../model/metrics';
import { badgeStyle } from './badges';
import { evaluationStyle } from './evaluation';
import { COMB_TARGET_X } from './route';

/** Colours shared by the graph and the legend; support and attack also differ in line style and arrow. */
export const COLORS = {
	supports: '#2e7d32',
	attacks: '#c62828',
	undercuts: '#8e24aa',
	answers: '#546e7a',
	question: '#263238',
	thesis: '#1f4e79',
	proFill: '#eef7ee',
	conFill: '#fdeeee',
	neutralFill: '#ffffff',
	evidenceFill: '#fff8e1',
	selected: '#ff9800',
	text: '#1c1c1c'
} as const;

/** The Cytoscape stylesheet (R20): kinds by shape and fill, relations by colour and line style and arrow. */
export const graphStyle: StylesheetJson = [
	{
		selector: 'node',
		style: {
			shape: 'round-rectangle',
			width: 'data(width)',
			height: 'data(height)',
			label: 'data(label)',
			'text-wrap': 'wrap',
			'text-max-width': `${TEXT_WIDTH}px`,
			'text-valign': 'center',
			'text-halign': 'center',
			'text-justification': 'left',
			'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
			'font-size': FONT_SIZE,
			'line-height': LINE_HEIGHT / FONT_SIZE,
			color: COLORS.text,
			'background-color': COLORS.neutralFill,
			'border-width': 1.5,
			'border-color': '#90a4ae',
			padding: `${PADDING}px`,
			'min-zoomed-font-size': 5
		}
	},
	{
		selector: 'node[side = "pro"]',
		style: { 'background-color': COLORS.proFill, 'border-color': COLORS.supports }
	},
	{
		selector: 'node[side = "con"]',
		style: { 'background-color': COLORS.conFill, 'border-color': COLORS.attacks }
	},
	{
		selector: 'node[kind = "evidence"]',
		style: { shape: 'cut-rectangle', 'background-color': COLORS.evidenceFill, 'border-style': 'solid' }
	},
	{
		selector: 'node[kind = "question"]',
		style: {
			'background-color': COLORS.question,
			'border-color': COLORS.question,
			color: '#ffffff',
			'font-weight': 'bold',
			shape: 'round-octagon'
		}
	},
	{
		selector: 'node[kind = "thesis"]',
		style: {
			'background-color': COLORS.thesis,
			'border-color': '#0d2a45',
			'border-width': 3,
			color: '#ffffff',
			'font-weight': 'bold'
		}
	},
	{
		selector: 'node[kind = "junction"]',
		style: {
			shape: 'diamond',
			label: '',
			width: 12,
			height: 12,
			padding: '0px',
			'background-color': COLORS.undercuts,
			'border-width': 0
		}
	},
	{
		selector: 'node:selected',
		style: { 'border-color': COLORS.selected, 'border-width': 4, 'overlay-opacity': 0 }
	},
	{
		selector: 'edge',
		style: {
			width: 2,
			'curve-style': 'straight',
			'line-color': COLORS.answers,
			'target-arrow-color': COLORS.answers,
			'target-arrow-shape': 'triangle',
			'arrow-scale': 1.3
		}
	},
	{
		selector: 'edge[kind = "supports"]',
		style: {
			'line-color': COLORS.supports,
			'target-arrow-color': COLORS.supports,
			'target-arrow-shape': 'triangle'
		}
	},
	{
		selector: 'edge[kind = "attacks"]',
		style: {
			'line-color': COLORS.attacks,
			'target-arrow-color': COLORS.attacks,
			'target-arrow-shape': 'tee',
			'line-style': 'dashed',
			'line-dash-pattern': [8, 4]
		}
	},
	{
		selector: 'edge[kind = "undercuts"]',
		style: {
			'line-color': COLORS.undercuts,
			'target-arrow-color': COLORS.undercuts,
			'target-arrow-shape': 'tee',
			'line-style': 'dotted'
		}
	},
	{
		selector: 'edge[kind = "answers"]',
		style: { 'target-arrow-shape': 'triangle-backcurve', 'line-style': 'solid', width: 3 }
	},
	{
		selector: 'edge.comb',
		style: { 'source-endpoint': '-50% 0%', 'target-endpoint': `${COMB_TARGET_X * 100}% 50%` }
	},
	{ selector: 'edge.from-left', style: { 'source-endpoint': '-50% 0%' } },
	{ selector: '.hidden', style: { display: 'none' } },
	{
		selector: 'node.match',
		style: {
			'border-color': '#f9a825',
			'border-width': 4,
			'underlay-color': '#fff59d',
			'underlay-opacity': 0.9,
			'underlay-padding': 6
		}
	},
	{ selector: 'node.current-match', style: { 'underlay-color': '#ffb300', 'underlay-padding': 10 } },
	{ selector: 'node.collapsed', style: { 'border-style': 'double', 'border-width': 6 } },
	{
		selector: 'node.remote-selected',
		style: {
			'underlay-color': 'data(remoteColour)',
			'underlay-opacity': 0.55,
			'underlay-padding': 7,
			'underlay-shape': 'round-rectangle'
		}
	},
	...evaluationStyle,
	{ selector: 'node.drop-target', style: { 'border-color': COLORS.selected, 'border-width': 5 } },
	...badgeStyle,
	{
		selector: 'edge:selected',
		style: { width: 4, 'overlay-opacity': 0.15, 'overlay-color': COLORS.selected }
	}
];

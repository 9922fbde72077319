import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The layers of DESIGN.md as import rules: each folder may only look down, never up. */
const layer = (files, forbidden, message) => ({
	files,
	ignores: ['**/*.test.ts'],
	rules: {
		'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }]
	}
});

const UI_LIBS = ['yjs', 'y-*', 'svelte', 'svelte/*', 'cytoscape', 'cytoscape-*', '$app/*', '@sveltejs/*'];

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'data/', 'bench-results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-non-null-assertion': 'off'
		}
	},
	layer(
		['src/lib/model/**'],
		[...UI_LIBS, '**/formats/*', '**/sync/*', '**/view/*', '**/components/*', '**/server/*', 'node:*'],
		'model is pure TypeScript: no yjs, svelte, cytoscape, DOM or node imports (DESIGN.md)'
	),
	layer(
		['src/lib/formats/**'],
		[...UI_LIBS, '**/sync/*', '**/view/*', '**/components/*', '**/server/*'],
		'formats import only the model (DESIGN.md)'
	),
	layer(
		['src/lib/sync/**'],
		['svelte', 'svelte/*', 'cytoscape', 'cytoscape-*', '**/view/*', '**/components/*', '**/server/*'],
		'sync imports only the model and yjs (DESIGN.md)'
	),
	layer(
		['src/lib/view/**'],
		['yjs', 'y-*', 'svelte', 'svelte/*', '**/sync/*', '**/components/*', '**/server/*'],
		'view imports only the model (types) and cytoscape (DESIGN.md)'
	),
	layer(
		['src/lib/components/**'],
		['cytoscape', 'cytoscape-*', 'yjs', 'y-*', '**/server/*', 'better-sqlite3', 'ws', 'node:*'],
		'components compose sync and view; they do not reach libraries or the server (DESIGN.md)'
	),
	layer(
		['src/lib/server/**'],
		['svelte', 'svelte/*', 'cytoscape', 'cytoscape-*', '**/view/*', '**/components/*', '$app/*'],
		'the server uses model, formats and sync only (DESIGN.md)'
	)
);

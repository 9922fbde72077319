import { defineConfig } from '@playwright/test';

/** Chromium from Debian's packages (TOOLCHAIN.md): Playwright never downloads a browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	// Generous: a loaded 2-core machine can be several times slower than an idle one.
	timeout: 120_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	// Two cores: one worker per core; every test file starts its own servers on its own ports.
	workers: 2,
	// In CI a test that fails is run once more; one that passes only then is listed as "flaky", so the
	// timing problems of a loaded machine stay visible without failing the run. Locally: no retries.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		viewport: { width: 1280, height: 800 },
		launchOptions: {
			executablePath: CHROMIUM,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		},
		trace: 'off'
	}
});

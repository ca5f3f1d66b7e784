// n8n's own gates, as n8n applies them before it verifies a community package:
// 1. the community-package scanner's analyzer on the source tree (its SOURCE_FILE_PATTERNS),
// 2. the same analyzer on the packed tarball (`**/*.js` and package.json), after `npm run build`,
// 3. `n8n-node lint` in strict mode with the default eslint.config.mjs, over a folder holding only
//    what n8n verifies (nodes/, credentials/, package.json): tests and scripts are not the package.
// Inline disables are ignored by the analyzer. Any finding, error or warning, fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	analyzePackage,
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'n8n-gates-'));
let failed = false;

/** The analyzer's verdict (errors), plus the warnings it prints but does not fail on. */
async function scan(label, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	if (!verdict.passed || warnings > 0) {
		failed = true;
		const formatter = await eslint.loadFormatter('stylish');
		console.log(`${label}: ${verdict.message ?? `${warnings} warning(s)`}\n${await formatter.format(results)}`);
	} else {
		console.log(`${label}: ${files.length} files, no findings`);
	}
}

try {
	await scan('scanner, source tree', root, SOURCE_FILE_PATTERNS);

	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	const unpacked = path.join(work, 'tarball');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', unpacked, '--strip-components=1']);
	await scan('scanner, packed tarball', unpacked, ['**/*.js', 'package.json']);

	const source = path.join(work, 'source');
	mkdirSync(source);
	for (const entry of ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'eslint.config.mjs']) {
		cpSync(path.join(root, entry), path.join(source, entry), { recursive: true });
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'), 'dir');
	const lint = spawnSync(path.join(root, 'node_modules/.bin/n8n-node'), ['lint'], {
		cwd: source,
		encoding: 'utf8',
		env: { ...process.env, FORCE_COLOR: '0', CI: 'true' },
	});
	const output = `${lint.stdout}${lint.stderr}`;
	if (lint.status !== 0 || /\d+ problems?|warning/i.test(output)) {
		failed = true;
		console.log(`n8n-node lint (strict, default config): failed\n${output}`);
	} else {
		console.log('n8n-node lint (strict, default config): no findings');
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

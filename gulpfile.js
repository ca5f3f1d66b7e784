// Copies what tsc does not emit (icons and codex files) next to the compiled nodes and credentials.
const { src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { encoding: false }).pipe(dest('dist/nodes'));
}

function copyCredentialAssets() {
	return src(['credentials/**/*.svg', 'credentials/**/*.png'], { encoding: false, allowEmpty: true }).pipe(dest('dist/credentials'));
}

exports['build:icons'] = parallel(copyNodeAssets, copyCredentialAssets);

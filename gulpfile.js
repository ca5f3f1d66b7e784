// `n8n-node build` compiles and copies icons; it leaves out the codex files (*.node.json) that
// give each node its categories and documentation links in n8n's node panel. This copies them.
const { src, dest } = require('gulp');

function copyCodexFiles() {
	return src(['nodes/**/*.node.json'], { encoding: false }).pipe(dest('dist/nodes'));
}

exports['build:codex'] = copyCodexFiles;

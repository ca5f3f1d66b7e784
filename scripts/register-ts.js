// Lets `node -r ./scripts/register-ts.js x.ts` run TypeScript (scripts, emulators, harness) with
// the project's own typescript: transpile only, type checking is `npm run typecheck`'s job.
const fs = require('fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};

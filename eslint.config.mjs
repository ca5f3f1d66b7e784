// The rules n8n's community package scanner applies, run on the packed package (see
// scripts/lint-packed.sh): community-nodes recommended (Cloud rules included) on the shipped
// JavaScript, eslint-plugin-n8n-nodes-base's node, credential and package.json rules.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';

const base = { plugins: { 'n8n-nodes-base': n8nNodesBase } };

export default [
	{ ignores: ['node_modules/**'] },
	{ files: ['**/*.js'], ...communityNodes.configs.recommended },
	{ files: ['**/*.node.js'], ...base, rules: n8nNodesBase.configs.nodes.rules },
	{ files: ['**/*.credentials.js'], ...base, rules: n8nNodesBase.configs.credentials.rules },
	// These two n8n-nodes-base rules judge TypeScript sources: a shipped file is `.node.js` by
	// construction, and `NodeConnectionTypes.Main` compiles to a member expression, not 'main'.
	{
		files: ['**/*.node.js'],
		rules: {
			'n8n-nodes-base/node-filename-against-convention': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{ files: ['package.json'], languageOptions: { parser: jsoncParser }, ...base, rules: n8nNodesBase.configs.community.rules },
];

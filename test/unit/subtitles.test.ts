import type { INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { listedFiles, loadListed } from '../harness/packageTypes';

describe('canvas subtitles show operation names, never internal values', () => {
	const actionNodes = listedFiles()
		.filter(([kind]) => kind === 'node')
		.map(([kind, file]) => loadListed(kind, file) as INodeType)
		.filter((type) => type.description.properties.some((p) => p.name === 'operation'));

	test.each(actionNodes.map((type) => [type.description.name, type] as const))('%s', (_, type) => {
		const { properties, subtitle } = type.description;
		const operations = properties.filter((p) => p.name === 'operation');
		expect(operations.length).toBeGreaterThan(0);
		for (const operation of operations) {
			for (const resource of operation.displayOptions!.show!.resource as string[]) {
				for (const option of operation.options as Array<{ name: string; value: string; action?: string }>) {
					// What n8n shows for this choice, evaluated as n8n evaluates the subtitle expression.
					const shown = evaluate(String(subtitle), { resource, operation: option.value });
					// It names the operation: every word of the option's name, plus the resource where the name alone is vague.
					const words = typeof shown === 'string' ? shown.split(' ') : [];
					expect([resource, option.value, option.name.split(' ').every((word) => words.includes(word))]).toEqual([resource, option.value, true]);
					// The action (the node panel's wording) is the operation in a sentence, punctuation kept.
					expect(option.action?.toLowerCase().startsWith(option.name.toLowerCase().split(' ')[0])).toBe(true);
				}
			}
		}
	});

});

function evaluate(expression: string, parameters: Record<string, string>): unknown {
	const node = { id: 'n', name: 'N', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never });
	return workflow.expression.getSimpleParameterValue(node, expression, 'manual', {});
}

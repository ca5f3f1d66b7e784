/**
 * itemParameter must give exactly what n8n's getNodeParameter gives, item by item, while
 * skipping n8n's expression evaluation where it can. Both run here inside n8n-core on the
 * same node, so any difference in value or error shows.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { itemParameter, ownFieldOf } from '../../nodes/shared/itemParameters';
import { registerTestNodeType, runNode } from '../harness/n8nRunner';

function outcome(read: () => unknown): IDataObject {
	try {
		return { value: read() as IDataObject['value'] };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** For every item: what itemParameter read, what getNodeParameter read, and how often itemParameter fell back to n8n. */
const probe: INodeType = {
	description: {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Parameter Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{ displayName: 'Flag', name: 'flag', type: 'boolean', default: true },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		let evaluations = 0;
		const counted = new Proxy(this, {
			get: (target, property) =>
				property === 'getNodeParameter'
					? (...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
							evaluations++;
							return (target.getNodeParameter as (...a: unknown[]) => unknown)(...args);
						}
					: (Reflect.get(target, property) as unknown),
		});
		const textOf = itemParameter<unknown>(counted, 'text', '');
		const flagOf = itemParameter<unknown>(counted, 'flag', true);
		const output: INodeExecutionData[] = this.getInputData().map((_, itemIndex) => ({
			json: {
				fast: outcome(() => textOf(itemIndex)),
				n8n: outcome(() => this.getNodeParameter('text', itemIndex, '')),
				flagFast: outcome(() => flagOf(itemIndex)),
				flagN8n: outcome(() => this.getNodeParameter('flag', itemIndex, true)),
			},
		}));
		output.push({ json: { evaluations } });
		return [output];
	},
};
registerTestNodeType('parameterProbe', probe);

const input: IDataObject[] = [
	{ a: 'x', 'b c': 'spaced' },
	{ a: '' },
	{ a: '  padded  ' },
	{ a: '={{ 1 + 1 }}' },
	{ a: 42 },
	{ a: ['p', 'q'] },
	{ a: null },
	{ a: { nested: true } },
	{},
];

async function probeWith(parameters: INodeParameters) {
	const { items, error } = await runNode({ nodeType: 'parameterProbe', parameters, credentials: {}, input });
	if (error) throw error;
	const evaluations = items.pop()!.json.evaluations as number;
	return { rows: items.map((item) => item.json), evaluations };
}

describe('itemParameter in n8n-core gives what getNodeParameter gives', () => {
	test.each([
		['a fixed text', 'fixed text'],
		['the own field', '={{ $json.a }}'],
		['the own field, spaced and bracketed', "={{   $json['a']   }}"],
		['a field name with a space', '={{ $json["b c"] }}'],
		['a method call on the field', '={{ $json.a.toUpperCase() }}'],
		['a template around the field', '={{ $json.a }} and more'],
		['another expression', '={{ $itemIndex * 2 }}'],
		['a missing parameter (the default)', undefined],
	])('%s', async (_, text) => {
		const { rows } = await probeWith(text === undefined ? {} : { text });
		for (const row of rows) {
			expect(Object.keys(row.n8n as IDataObject)).toHaveLength(1); // a value or an error
			expect(row.fast).toStrictEqual(row.n8n);
		}
	});

	test('booleans, fixed or from an expression, read the same', async () => {
		for (const flag of [false, true, '={{ $json.a === "x" }}']) {
			const { rows } = await probeWith({ text: 'x', flag });
			for (const row of rows) expect(row.flagFast).toEqual(row.flagN8n);
		}
	});

	test('the own field holding text is read without evaluating; other values go through n8n', async () => {
		const { rows, evaluations } = await probeWith({ text: '={{ $json.a }}', flag: false });
		expect(rows[0].fast).toEqual({ value: 'x' });
		expect(rows[3].fast).toEqual({ value: '={{ 1 + 1 }}' }); // data is never evaluated as an expression
		// Items 4-8 hold a number, a list, null, an object and nothing: 5 evaluations; the fixed flag: 1.
		expect(evaluations).toBe(5 + 1);
	});

	test('a fixed value is read once for all items', async () => {
		const { evaluations } = await probeWith({ text: 'fixed', flag: true });
		expect(evaluations).toBe(2);
	});
});

describe('ownFieldOf', () => {
	test('recognises only a lone $json field', () => {
		expect(ownFieldOf('={{ $json.orderIds }}')).toBe('orderIds');
		expect(ownFieldOf('={{$json["order ids"]}}')).toBe('order ids');
		expect(ownFieldOf("={{ $json['x'] }}")).toBe('x');
		expect(ownFieldOf('{{ $json.orderIds }}')).toBeUndefined(); // no "=": plain text
		expect(ownFieldOf('={{ $json.a.b }}')).toBeUndefined();
		expect(ownFieldOf('={{ $json.a }}{{ $json.b }}')).toBeUndefined();
		expect(ownFieldOf("={{ $json['a\"] }}")).toBeUndefined();
		expect(ownFieldOf('={{ $input.item.json.a }}')).toBeUndefined();
		expect(ownFieldOf(42)).toBeUndefined();
	});
});

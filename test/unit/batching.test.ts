import {
	attachAnswers,
	firstItemIndexOf,
	itemIndexesOf,
	mapWithConcurrency,
	parseIdList,
	poolIntoBatches,
	poolRequests,
} from '../../nodes/shared/batching';

describe('poolIntoBatches', () => {
	test('pools values of many items per key and cuts batches at the limit', () => {
		const requests = Array.from({ length: 1234 }, (_, i) => ({ key: 'task', values: [`o-${i}`], itemIndex: i }));
		const batches = poolIntoBatches(requests, 500);
		expect(batches.map((b) => b.values.length)).toEqual([500, 500, 234]);
		expect(batches[2].values[0]).toEqual({ value: 'o-1000', itemIndexes: [1000] });
	});

	test('keeps keys apart and remembers every item asking for a value once', () => {
		const batches = poolIntoBatches(
			[
				{ key: 'a', values: ['1', '2', '1'], itemIndex: 0 },
				{ key: 'b', values: ['1'], itemIndex: 1 },
				{ key: 'a', values: ['2'], itemIndex: 2 },
			],
			10,
		);
		expect(batches).toEqual([
			{
				key: 'a',
				values: [
					{ value: '1', itemIndexes: [0] },
					{ value: '2', itemIndexes: [0, 2] },
				],
			},
			{ key: 'b', values: [{ value: '1', itemIndexes: [1] }] },
		]);
		expect(itemIndexesOf(batches[0])).toEqual([0, 2]);
	});

	test('refuses a nonsensical batch size', () => {
		expect(() => poolIntoBatches([], 0)).toThrow(RangeError);
	});
});

describe('poolRequests', () => {
	const requests = [
		{ key: 'a', values: ['1', '2', '1'], itemIndex: 0 },
		{ key: 'b', values: ['1'], itemIndex: 2 },
		{ key: 'a', values: ['3', '2'], itemIndex: 3 },
	];

	test("gives each request its own pooled values, in its order, once each, shared with other askers", () => {
		const pool = poolRequests(requests, 2);
		const [first, second, third] = pool.valuesOfRequest;
		expect(first.map((p) => p.value)).toEqual(['1', '2']);
		expect(second.map((p) => p.value)).toEqual(['1']);
		expect(third.map((p) => p.value)).toEqual(['3', '2']);
		expect(third[1]).toBe(first[1]); // '2' of key a: one pooled value for both items
		expect(second[0]).not.toBe(first[0]); // '1' of key b is another value than '1' of key a
		expect(pool.batches.map((b) => [b.key, b.values.map((p) => p.value)])).toEqual([
			['a', ['1', '2']],
			['a', ['3']],
			['b', ['1']],
		]);
		expect(pool.batches.map(firstItemIndexOf)).toEqual([0, 3, 2]);
		expect(pool.find('a', '3')).toBe(third[0]);
		expect(pool.find('b', '2')).toBeUndefined();
	});

	test('attaches answers in the order asked, in another order, with some missing and some not asked', () => {
		const pool = poolRequests<{ id: string }>(requests, 10);
		const [batchA, batchB] = pool.batches;
		attachAnswers(pool, batchA, [{ id: '3' }, { id: '1' }, { id: 'unasked' }], (record) => record.id);
		attachAnswers(pool, batchB, [{ id: '1' }], (record) => record.id);
		expect(batchA.values.map((p) => [p.value, p.answer?.id])).toEqual([
			['1', '1'],
			['2', undefined],
			['3', '3'],
		]);
		expect(batchB.values[0].answer).toEqual({ id: '1' });
		expect(batchB.values[0].answer).not.toBe(batchA.values[0].answer);
	});
});

describe('parseIdList', () => {
	test('splits text on commas, semicolons, whitespace and full-width commas', () => {
		expect(parseIdList(' a, b;c\nd，e  ,, ')).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	test('accepts numbers and nested lists from expressions', () => {
		expect(parseIdList([1, ['x, y'], null])).toEqual(['1', 'x', 'y']);
	});

	test('refuses objects', () => {
		expect(() => parseIdList({ id: 1 })).toThrow(/expected a string/);
	});
});

describe('mapWithConcurrency', () => {
	test('keeps order and never exceeds the limit', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 3, async (n) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			for (let i = 0; i < n; i++) await Promise.resolve();
			inFlight--;
			return n * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30, 0]);
		expect(maxInFlight).toBe(3);
	});

	test('rejects with the first failure', async () => {
		await expect(
			mapWithConcurrency([1, 2, 3], 2, async (n) => {
				if (n === 2) throw new Error('boom');
				return n;
			}),
		).rejects.toThrow('boom');
	});
});

import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { runNode } from '../harness/n8nRunner';

const account = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };

describe('NXCloud Callbot node in n8n', () => {
	let emulator: NxCloudEmulator;
	const credentials = (overrides: Record<string, string> = {}) => ({
		nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5', ...overrides },
	});

	beforeEach(async () => {
		emulator = await new NxCloudEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	test('lists order details of one item', async () => {
		emulator.addOrders('task-1', ['o-1', 'o-2']);
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: { resource: 'order', operation: 'getDetails', userTaskId: 'task-1', orderIds: 'o-1, o-2' },
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.orderID)).toEqual(['o-1', 'o-2']);
	});
});

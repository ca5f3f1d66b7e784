/**
 * Huawei CC-iSales campaigns and Add Numbers inside n8n's real engine, against the HTTPS iSales
 * emulator (which checks every auth-v2 signature with its own implementation), and once behind
 * the fault proxy for an answer lost after iSales added the numbers.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { readCalledNumber, readCallingHours } from '../../nodes/HuaweiIsales/campaign/schedule';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { FaultProxy, forwardThenGatewayError, type ProxyAction } from '../harness/faultProxy';
import { runNode } from '../harness/n8nRunner';

const account = { accessKey: 'globalaktest', secretKey: '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p' };
const tls = makeSelfSignedCertificate();

type ShownError = { message?: string; description?: string | null; context?: { itemIndex?: number } };

/** `count` distinct 13-digit numbers. */
const numbers = (count: number, prefix = '86138') => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);

/** A date-time n days from now, as n8n's picker gives it (UTC here: the test workflows run in UTC). */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 19);

describe('Huawei CC-iSales campaigns and Add Numbers (HTTPS emulator, auth-v2 checked)', () => {
	let emulator: IsalesEmulator;
	const credentials = (baseUrl = emulator.baseUrl) => ({ huaweiIsalesApi: { baseUrl: baseUrl + '/', ...account, ignoreSSLIssues: true } });
	const run = (parameters: INodeParameters, input: IDataObject[] = [{}], continueOnFail = false) =>
		runNode({ nodeType: 'huaweiIsales', parameters, credentials: credentials(), input, continueOnFail });

	beforeEach(async () => {
		emulator = await new IsalesEmulator(account, tls).start();
		emulator.latencyMs = 5;
	});
	afterEach(async () => emulator.stop());

	describe('Campaign', () => {
		const begin = daysFromNow(1);
		const end = daysFromNow(30);
		const create = (extra: Record<string, unknown> = {}) => ({
			resource: 'campaign',
			operation: 'create',
			vdnId: 8,
			campaignName: 'Renewals September',
			deviceType: 2,
			callerNo: '4008001234',
			maxAlertingTime: 25,
			workdayHours: '08:00-12:00, 13:30-17:30',
			skillParam: '{"skillId": 5, "skillName": "Voice Skill Queue"}',
			beginTime: begin,
			endTime: end,
			...extra,
		});

		test('create: one signed POST with the required settings, calling hours as scheduleParam, times in UTC; only set fields sent; output holds the campaignId', async () => {
			const { items, error } = await run(create({ callBackUrl: 'https://n8n.example.com/webhook/abc/huawei-isales' }));
			expect(error).toBeUndefined();
			expect(emulator.requests.map((r) => [r.method, r.path, r.authorized])).toEqual([['POST', '/rest/isales/v1/openapi/campaigns/8', true]]);
			expect(JSON.parse(emulator.requests[0].rawBody)).toEqual({
				name: 'Renewals September',
				strBeginTime: begin.replace('T', ' '),
				strEndTime: end.replace('T', ' '),
				deviceType: 2,
				callerNo: '4008001234',
				maxAlertingTime: 25,
				scheduleParam: {
					workdayBeginTime1: '08:00',
					workdayEndTime1: '12:00',
					workdayBeginTime2: '13:30',
					workdayEndTime2: '17:30',
					workdayBeginTime3: '',
					workdayEndTime3: '',
					holidayBeginTime1: '',
					holidayEndTime1: '',
					holidayBeginTime2: '',
					holidayEndTime2: '',
					holidayBeginTime3: '',
					holidayEndTime3: '',
				},
				skillParam: { skillId: 5, skillName: 'Voice Skill Queue' },
				callBackUrl: 'https://n8n.example.com/webhook/abc/huawei-isales',
			});
			expect(items).toEqual([{ json: expect.objectContaining({ campaignId: '1001', id: 1001, vdnId: 8, name: 'Renewals September' }), pairedItem: { item: 0 } }]);
			expect(emulator.campaignConfigs.get('8/1001')).toMatchObject({ status: 2, callBackUrl: 'https://n8n.example.com/webhook/abc/huawei-isales' });
		});

		test('create: no Result Push URL and no additional fields → none of them in the body; description and holiday hours when set; a time with a zone is converted to UTC', async () => {
			await run(create({ beginTime: '2099-01-01T08:00:00+08:00', endTime: '2099-02-01T00:00:00Z' }));
			const plain = JSON.parse(emulator.requests[0].rawBody);
			expect(plain).not.toHaveProperty('callBackUrl');
			expect(plain).not.toHaveProperty('description');
			expect(plain.strBeginTime).toBe('2099-01-01 00:00:00');

			await run(create({ campaignName: 'Second', additionalFields: { description: 'Q3 renewals', holidayHours: '10:00-12:00' } }));
			const full = JSON.parse(emulator.requests[1].rawBody);
			expect(full.description).toBe('Q3 renewals');
			expect(full.scheduleParam).toMatchObject({ holidayBeginTime1: '10:00', holidayEndTime1: '12:00', holidayBeginTime2: '' });
		});

		test('create: an IVR campaign sends ivrParam, not skillParam', async () => {
			const { error } = await run(create({ deviceType: 3, ivrParam: '{"flowAccessCode": "1001"}' }));
			expect(error).toBeUndefined();
			const body = JSON.parse(emulator.requests[0].rawBody);
			expect(body.ivrParam).toEqual({ flowAccessCode: '1001' });
			expect(body).not.toHaveProperty('skillParam');
		});

		test.each([
			[{ callerNo: '+86 400' }, /^Caller Number must be at most 24 of 0-9, \* and #/],
			[{ workdayHours: '08:00-12:00, 11:00-13:00' }, /^Workday Calling Hours must list periods in order without overlap/],
			[{ workdayHours: '8-12' }, /^Workday Calling Hours must list periods like 08:00-12:00/],
			// Empty by expression: n8n itself refuses to run a workflow whose required parameter is left empty.
			[{ workdayHours: '={{ "" }}' }, /^Workday Calling Hours are empty/],
			[{ maxAlertingTime: 4 }, /^Max Ringing Time must be a whole number of seconds from 5 to 120/],
			[{ deviceType: 5, maxAlertingTime: 8 }, /from 9 to 120/],
			[{ skillParam: '{}' }, /^Skill Queue Settings is an empty object/],
			[{ skillParam: '{"skillId": 5' }, /^Skill Queue Settings is not valid JSON/],
			[{ deviceType: 1, ivrParam: '{}' }, /^IVR Settings is an empty object/],
			[{ beginTime: '={{ "" }}' }, /^Begin Time is empty/],
			[{ beginTime: 'tomorrow' }, /^Begin Time "tomorrow" is not a date and time/],
			[{ beginTime: end, endTime: begin }, /^Begin Time \(.* UTC\) must be before End Time/],
			[{ campaignName: 'x'.repeat(101) }, /^Campaign Name is longer than 100 characters/],
			[{ additionalFields: { description: 'a <b>' } }, /^Description may not contain "<"/],
			[{ callBackUrl: 'n8n.example.com/webhook' }, /^Result Push URL must be an http\(s\) URL/],
			[{ vdnId: 0 }, /^VDN ID must be a whole number from 1 to 9999/],
		])('create: %j is refused before anything is sent, naming the parameter and the item', async (extra, message) => {
			const { error } = await run(create(extra));
			expect(error?.message).toMatch(message);
			expect((error as ShownError).context?.itemIndex).toBe(0);
			expect(emulator.requests).toHaveLength(0);
		});

		test('create: a name already used → error naming 0200005 and its meaning; Continue On Fail keeps the other item', async () => {
			emulator.defineCampaign(8, { name: 'Taken' });
			const { items, error } = await run(create({ campaignName: '={{ $json.name }}' }), [{ name: 'Taken' }, { name: 'Fresh' }], true);
			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.error ?? item.json.name, item.pairedItem])).toEqual([
				['Huawei CC-iSales error 0200005: campaign name already used', { item: 0 }],
				['Fresh', { item: 1 }],
			]);
		});

		test('update: one signed PUT to the campaign with its whole configuration; begin/end only when set', async () => {
			const id = emulator.defineCampaign(8, { name: 'Old name' });
			const { items, error } = await run({
				...create({ campaignName: 'New name', additionalFields: { endTime: end } }),
				operation: 'update',
				campaignId: id,
			});
			expect(error).toBeUndefined();
			expect(emulator.requests.map((r) => [r.method, r.path, r.authorized])).toEqual([['PUT', `/rest/isales/v1/openapi/campaigns/8/${id}`, true]]);
			const body = JSON.parse(emulator.requests[0].rawBody);
			expect(body).toMatchObject({ name: 'New name', deviceType: 2, callerNo: '4008001234', strEndTime: end.replace('T', ' ') });
			expect(body).not.toHaveProperty('strBeginTime');
			expect(body).not.toHaveProperty('callBackUrl');
			expect(items).toEqual([{ json: { vdnId: 8, campaignId: id, updated: true }, pairedItem: { item: 0 } }]);
			expect(emulator.campaignConfigs.get(`8/${id}`)?.name).toBe('New name');
		});

		test('update: an unknown campaign → 0200007; an ended one → 0200016; a Campaign ID with "/" is refused unsent', async () => {
			const ended = emulator.defineCampaign(8, { status: 4 });
			const update = (campaignId: string) => ({ ...create(), operation: 'update', campaignId });
			expect((await run(update('9999'))).error?.message).toBe('Huawei CC-iSales error 0200007: call record or campaign not found');
			expect((await run(update(ended))).error?.message).toBe('Huawei CC-iSales error 0200016: campaign has ended');
			const slash = await run(update('1/pause'));
			expect(slash.error?.message).toBe('Campaign ID may not contain "/" or "\\"');
			expect(emulator.requests).toHaveLength(2);
		});

		test('pause, then resume: signed PUTs to .../pause and .../resume; pausing a paused campaign is iSales\' error, not retried', async () => {
			const id = emulator.defineCampaign(8);
			const pause = await run({ resource: 'campaign', operation: 'pause', vdnId: 8, campaignId: id });
			expect(pause.items).toEqual([{ json: { vdnId: 8, campaignId: id, paused: true, resultDesc: 'success' }, pairedItem: { item: 0 } }]);
			expect(emulator.campaignConfigs.get(`8/${id}`)?.status).toBe(3);
			const again = await run({ resource: 'campaign', operation: 'pause', vdnId: 8, campaignId: id });
			expect(again.error?.message).toBe('Huawei CC-iSales error 0200001: parameter error');
			expect(again.error?.description).toContain('campaign is not running');
			const resume = await run({ resource: 'campaign', operation: 'resume', vdnId: 8, campaignId: id });
			expect(resume.items[0].json).toMatchObject({ campaignId: id, resumed: true });
			expect(emulator.campaignConfigs.get(`8/${id}`)?.status).toBe(2);
			expect(emulator.requests.map((r) => [r.method, r.path.replace(/^.*\/campaigns/, ''), r.authorized])).toEqual([
				['PUT', `/8/${id}/pause`, true],
				['PUT', `/8/${id}/pause`, true],
				['PUT', `/8/${id}/resume`, true],
			]);
		});

		test('getMany, Return All: 234 campaigns in 3 signed pages of 100, one after another at least 1 s apart; status and deviceType always sent', async () => {
			for (let n = 0; n < 234; n++) emulator.defineCampaign(8, { name: `c-${n}`, deviceType: n % 2 ? 3 : 2 });
			emulator.defineCampaign(9, { name: 'other VDN' });
			const { items, error } = await run({ resource: 'campaign', operation: 'getMany', vdnId: 8, returnAll: true });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.name)).toEqual(Array.from({ length: 234 }, (_, n) => `c-${n}`));
			expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
			const queries = emulator.requests.map((r) => Object.fromEntries(new URL(r.path, 'https://x').searchParams));
			expect(queries).toEqual([1, 2, 3].map((page) => ({ status: '0', deviceType: '0', curPage: String(page), rowsPerPage: '100' })));
			expect(emulator.requests.every((r) => r.authorized && r.method === 'GET')).toBe(true);
			const arrivals = emulator.requests.map((r) => r.arrivedAt);
			expect(Math.min(arrivals[1] - arrivals[0], arrivals[2] - arrivals[1])).toBeGreaterThanOrEqual(1000);
		});

		test('getMany: Limit 10 reads one page of 10; filters are sent as given, times checked', async () => {
			for (let n = 0; n < 50; n++) emulator.defineCampaign(8, { name: `renewals-${n}`, status: n % 2 ? 3 : 2 });
			const { items } = await run({
				resource: 'campaign',
				operation: 'getMany',
				vdnId: 8,
				limit: 10,
				filters: { status: 3, name: 'renewals', beginTime: '2024-01-01 00:00:00' },
			});
			expect(items).toHaveLength(10);
			expect(items.every((item) => item.json.status === 3)).toBe(true);
			expect(Object.fromEntries(new URL(emulator.requests[0].path, 'https://x').searchParams)).toEqual({
				status: '3',
				deviceType: '0',
				name: 'renewals',
				beginTime: '2024-01-01 00:00:00',
				curPage: '1',
				rowsPerPage: '10',
			});
			const bad = await run({ resource: 'campaign', operation: 'getMany', vdnId: 8, filters: { endTime: '2024-02-30 00:00:00' } });
			expect(bad.error?.message).toMatch(/^End Time To is not a date: 2024-02-30/);
			expect(emulator.requests).toHaveLength(1);
		});
	});

	describe('Call Data → Add Numbers', () => {
		const add = (extra: Record<string, unknown> = {}) => ({
			resource: 'callData',
			operation: 'add',
			vdnId: 8,
			campaignId: '={{ $json.campaign }}',
			called: '={{ $json.phone }}',
			...extra,
		});

		test('45 numbers → 3 signed v1 requests of 20, 20 and 5, each at least 1 s after the previous; 45 output items paired, each with its dataId', async () => {
			const campaign = emulator.defineCampaign(8);
			const phones = numbers(45);
			const { items, error } = await run(add(), phones.map((phone) => ({ campaign, phone })));
			expect(error).toBeUndefined();
			const requests = emulator.calldataRequests();
			expect(requests.map((r) => [r.path, r.body.callDataList.length])).toEqual([
				[`/rest/isales/v1/openapi/campaigns/8/calldata/${campaign}`, 20],
				[`/rest/isales/v1/openapi/campaigns/8/calldata/${campaign}`, 20],
				[`/rest/isales/v1/openapi/campaigns/8/calldata/${campaign}`, 5],
			]);
			expect(emulator.requests.every((r) => r.authorized)).toBe(true);
			expect(requests[1].arrivedAt - requests[0].arrivedAt).toBeGreaterThanOrEqual(1000);
			expect(requests[2].arrivedAt - requests[1].arrivedAt).toBeGreaterThanOrEqual(1000);
			expect(requests.flatMap((r) => r.body.callDataList)).toEqual(phones.map((called) => ({ called })));
			expect(items).toHaveLength(45);
			items.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json).toEqual({ vdnId: 8, campaignId: campaign, called: phones[index], added: true, dataId: String(index + 1) });
			});
			expect(emulator.callData.get(`8/${campaign}`)).toHaveLength(45);
		});

		test('v2: numbers as called lists, in requests of the tenant batch size, to the /v2/ route', async () => {
			const campaign = emulator.defineCampaign(8);
			emulator.calldataMaxV2 = 30;
			const phones = numbers(45);
			const { items, error } = await run(add({ apiVersion: 'v2', batchSize: 30 }), phones.map((phone) => ({ campaign, phone })));
			expect(error).toBeUndefined();
			const requests = emulator.calldataRequests();
			expect(requests.map((r) => [r.version, r.body.callDataList.length])).toEqual([
				['v2', 30],
				['v2', 15],
			]);
			expect(requests[0].body.callDataList[0]).toEqual({ called: [{ calledNo: phones[0] }] });
			expect(items.every((item) => item.json.added === true)).toBe(true);
		});

		test('v2 with a batch size above the tenant limit: iSales refuses with 0200029, the hint says to lower Batch Size', async () => {
			const campaign = emulator.defineCampaign(8);
			const { error } = await run(add({ apiVersion: 'v2', batchSize: 50 }), numbers(25).map((phone) => ({ campaign, phone })));
			expect(error?.message).toBe('Huawei CC-iSales error 0200029: more numbers than one request may add');
			expect(error?.description).toContain('Lower the Batch Size');
		});

		test('additional fields travel with their number only when set, and come back on its output item', async () => {
			const campaign = emulator.defineCampaign(8);
			const { items } = await run(
				add({ additionalFields: { customField: '={{ $json.ref }}', sessionId: '={{ $json.ref }}' } }),
				[
					{ campaign, phone: '8613800000001', ref: 'crm-1' },
					{ campaign, phone: '8613800000002', ref: '' },
				],
			);
			const [request] = emulator.calldataRequests();
			expect(request?.body.callDataList).toEqual([{ called: '8613800000001', customField: 'crm-1', sessionId: 'crm-1' }, { called: '8613800000002' }]);
			expect(items.map((item) => item.json)).toEqual([
				{ vdnId: 8, campaignId: campaign, called: '8613800000001', added: true, dataId: '1', customField: 'crm-1', sessionId: 'crm-1' },
				{ vdnId: 8, campaignId: campaign, called: '8613800000002', added: true, dataId: '2' },
			]);
		});

		test('a blocklisted number: iSales refuses its whole request (0200024); with Continue On Fail those 20 items are error items naming the code, the others are added', async () => {
			const campaign = emulator.defineCampaign(8);
			const phones = numbers(45);
			emulator.blocklist.add(phones[25]);
			const { items, error } = await run(add(), phones.map((phone) => ({ campaign, phone })), true);
			expect(error).toBeUndefined();
			expect(emulator.calldataRequests()).toHaveLength(3);
			expect(items.map((item) => item.pairedItem)).toEqual(phones.map((_, index) => ({ item: index })));
			items.forEach((item, index) => {
				if (index >= 20 && index < 40) {
					expect(item.json.error).toBe('Huawei CC-iSales error 0200024: numbers on the blocklist');
					expect(item.json.description).toContain(`blocklisted: ${phones[25]}`);
				} else {
					expect(item.json).toMatchObject({ called: phones[index], added: true });
				}
			});
		});

		test('a refused request without Continue On Fail fails the node at its first item, and no later request is sent', async () => {
			const campaign = emulator.defineCampaign(8);
			const phones = numbers(45);
			emulator.blocklist.add(phones[25]);
			const { error } = await run(add(), phones.map((phone) => ({ campaign, phone })));
			expect(error?.message).toBe('Huawei CC-iSales error 0200024: numbers on the blocklist');
			expect((error as ShownError).context?.itemIndex).toBe(20);
			expect(emulator.calldataRequests()).toHaveLength(2);
		});

		test('an answer that does not list a number: that item says added false with the reason, the others their dataId', async () => {
			const campaign = emulator.defineCampaign(8);
			emulator.scripted.push({
				status: 200,
				body: { returnCode: '0200000', resultCode: '0200000', resultDesc: 'ok', returnObject: { totalSize: 1, dataIdList: [{ called: '8613800000001', dataId: '77' }] } },
			});
			const { items } = await run(add(), [
				{ campaign, phone: '8613800000001' },
				{ campaign, phone: '8613800000002' },
			]);
			expect(items.map((item) => item.json)).toEqual([
				{ vdnId: 8, campaignId: campaign, called: '8613800000001', added: true, dataId: '77' },
				{
					vdnId: 8,
					campaignId: campaign,
					called: '8613800000002',
					added: false,
					reason: 'iSales accepted the request but did not list this number among those it added',
				},
			]);
		});

		test('"called too fast" (0200022) is retried at least 1 s later and the numbers are added once', async () => {
			const campaign = emulator.defineCampaign(8);
			emulator.scripted.push({ status: 200, body: { returnCode: '0200022', resultCode: '0200022', resultDesc: 'called too fast' } });
			const { items, error } = await run(add(), [{ campaign, phone: '8613800000001' }]);
			expect(error).toBeUndefined();
			expect(items[0].json.added).toBe(true);
			const requests = emulator.calldataRequests();
			expect(requests).toHaveLength(2);
			expect(requests[1].arrivedAt - requests[0].arrivedAt).toBeGreaterThanOrEqual(1000);
			expect(emulator.callData.get(`8/${campaign}`)).toHaveLength(1);
		});

		test('items of two campaigns are pooled per campaign', async () => {
			const first = emulator.defineCampaign(8);
			const second = emulator.defineCampaign(8);
			const phones = numbers(4);
			const { items } = await run(add(), phones.map((phone, index) => ({ campaign: index % 2 ? second : first, phone })));
			expect(emulator.calldataRequests().map((r) => [r.path.split('/').pop(), r.body.callDataList.map((entry) => entry.called)])).toEqual([
				[first, [phones[0], phones[2]]],
				[second, [phones[1], phones[3]]],
			]);
			expect(items.map((item) => [item.json.campaignId, item.pairedItem])).toEqual([
				[first, { item: 0 }],
				[second, { item: 1 }],
				[first, { item: 2 }],
				[second, { item: 3 }],
			]);
		});

		test.each([
			[{ phone: 'abc' }, 'Called Number must hold only digits, * and # (iSales refuses anything else, "+" included), got "abc"'],
			[{ phone: '+86 138 0000' }, 'Called Number must hold only digits, * and # (iSales refuses anything else, "+" included), got "+86 138 0000"'],
			[{ phone: '' }, 'Called Number is empty'],
			[{ phone: ['8613800000009'] }, 'Called Number must be text or a number, got a list'],
			[{ phone: '1'.repeat(25) }, `Called Number is longer than 24 characters: "${'1'.repeat(25)}"`],
			[{ phone: '8613800000000' }, 'Called Number 8613800000000 is also given by item 0'],
			[{ campaign: '..' }, 'Campaign ID may not be ".."'],
			[{ vdn: 10000 }, 'VDN ID must be a whole number from 1 to 9999, got "10000"'],
		])('bad input %j in item 1 is refused before anything is sent, naming the item and the parameter', async (override, message) => {
			const campaign = emulator.defineCampaign(8);
			const rows = [
				{ vdn: 8, campaign, phone: '8613800000000' },
				{ vdn: 8, campaign, phone: '8613800000001', ...override },
			];
			const { error } = await run(add({ vdnId: '={{ $json.vdn }}' }), rows);
			expect(error?.message).toBe(message);
			expect((error as ShownError).context?.itemIndex).toBe(1);
			expect(emulator.requests).toHaveLength(0);

			// With Continue On Fail the bad item becomes an error item and the good one is added.
			const { items } = await run(add({ vdnId: '={{ $json.vdn }}' }), rows, true);
			expect(items.map((item) => [item.json.error ?? item.json.added, item.pairedItem])).toEqual([
				[true, { item: 0 }],
				[message, { item: 1 }],
			]);
		});
	});

	describe('Add Numbers behind the fault proxy: an answer lost after iSales added the numbers', () => {
		let proxy: FaultProxy;

		beforeEach(async () => {
			proxy = await new FaultProxy(emulator.baseUrl, { tls }).start();
		});
		afterEach(async () => proxy.stop());

		const lostAnswers: Array<[string, ProxyAction]> = [
			['gateway answers HTTP 504', forwardThenGatewayError(504)],
			// forwardThenReset() is left out: over TLS the proxy's reset does not reach the client, which then waits for its 60 s timeout.
			['gateway answers HTTP 502', forwardThenGatewayError(502)],
		];

		test.each(lostAnswers)('%s: exactly one request, the node fails "outcome is unknown" naming every number of it; no later request', async (_, action) => {
			const campaign = emulator.defineCampaign(8);
			const phones = numbers(25);
			proxy.next(action);
			const { error } = await runNode({
				nodeType: 'huaweiIsales',
				parameters: { resource: 'callData', operation: 'add', vdnId: 8, campaignId: campaign, called: '={{ $json.phone }}' },
				credentials: credentials(proxy.baseUrl),
				input: phones.map((phone) => ({ phone })),
			});
			await proxy.whenIdle(300);
			expect(proxy.requests).toHaveLength(1);
			expect(emulator.calldataRequests()).toHaveLength(1);
			expect(emulator.callData.get(`8/${campaign}`)).toHaveLength(20);
			expect(error?.message).toMatch(/^Huawei CC-iSales calldata: the outcome is unknown/);
			const shown = `${error?.message}\n${error?.description}`;
			expect(phones.slice(0, 20).filter((phone) => !shown.includes(phone))).toEqual([]);
			expect(shown).not.toContain(phones[20]);
		});

		test('with Continue On Fail: the 20 items of the lost request are "outcome unknown" error items, the next request is still sent and added', async () => {
			const campaign = emulator.defineCampaign(8);
			const phones = numbers(25);
			proxy.next(forwardThenGatewayError(504));
			const { items, error } = await runNode({
				nodeType: 'huaweiIsales',
				parameters: { resource: 'callData', operation: 'add', vdnId: 8, campaignId: campaign, called: '={{ $json.phone }}' },
				credentials: credentials(proxy.baseUrl),
				input: phones.map((phone) => ({ phone })),
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(emulator.calldataRequests().map((r) => r.body.callDataList.length)).toEqual([20, 5]);
			items.slice(0, 20).forEach((item) => expect(item.json.error).toMatch(/outcome is unknown/));
			expect(items.slice(20).map((item) => item.json.added)).toEqual([true, true, true, true, true]);
		});
	});
});

describe('campaign input checks (pure)', () => {
	test('calling hours: up to three ordered periods, the rest sent empty', () => {
		expect(readCallingHours('08:00-11:30;13:00-17:30', 'holiday')).toEqual({
			value: {
				holidayBeginTime1: '08:00',
				holidayEndTime1: '11:30',
				holidayBeginTime2: '13:00',
				holidayEndTime2: '17:30',
				holidayBeginTime3: '',
				holidayEndTime3: '',
			},
		});
		expect(readCallingHours('08:00-09:00, 10:00-11:00, 12:00-13:00, 14:00-15:00', 'workday')).toEqual({ problem: 'may list at most 3 periods, got 4' });
		expect(readCallingHours('12:00-08:00', 'workday')).toEqual({ problem: 'has a period that ends before it begins: "12:00-08:00"' });
		expect(readCallingHours('24:00-25:00', 'workday')).toMatchObject({ problem: expect.stringContaining('24-hour clock') });
	});

	test('called numbers: digits, * and # only (no +), numbers as text', () => {
		expect(readCalledNumber(' 8613800000000 ')).toEqual({ value: '8613800000000' });
		expect(readCalledNumber('*8613800000000#')).toEqual({ value: '*8613800000000#' });
		expect(readCalledNumber('+8613800000000')).toHaveProperty('problem');
		expect(readCalledNumber(8613800000000)).toEqual({ value: '8613800000000' });
		expect(readCalledNumber('138-0000')).toMatchObject({ problem: expect.stringContaining('digits') });
		expect(readCalledNumber(1.5)).toEqual({ problem: 'must hold only digits, * and # (iSales refuses anything else, "+" included), got "1.5"' });
	});
});

/**
 * icsoc Autocall → Project → Update and Task Data → Get Many in n8n's engine against the icsoc
 * emulator, which checks field names and types against icsoc's project and data-list pages and
 * shares its tokens with CDR search.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	FIELD_TYPE_ERROR_CODE,
	IcsocEmulator,
	makeCdrs,
	makeProject,
	makeTaskRecords,
	PROJECT_NOT_FOUND_CODE,
} from '../emulators/icsocEmulator';
import { newCredentialsHelper, runNode } from '../harness/n8nRunner';

const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };

describe('icsoc Autocall: projects and task data in n8n', () => {
	let emulator: IcsocEmulator;
	const credentials = () => ({
		icsocAutocallApi: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, ...account, scope: 'openid', accessToken: '' },
	});
	const update = (extra: INodeParameters): INodeParameters => ({ resource: 'project', operation: 'update', projectId: '10000', ...extra });
	const getMany = (extra: INodeParameters): INodeParameters => ({ resource: 'taskData', operation: 'getMany', projectId: '10000', ...extra });

	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
		emulator.projects.set(10000, makeProject(10000));
		emulator.taskRecords = [...makeTaskRecords(10000, 230), ...makeTaskRecords(20000, 5)];
	});
	afterEach(async () => emulator.stop());

	describe('Project → Update', () => {
		test('start, pause and stop through status: only id and status are sent, as integers', async () => {
			for (const [status, label] of [
				['1', 'on'],
				['2', 'paused'],
				['0', 'off'],
			]) {
				const { items, error } = await runNode({ nodeType: 'icsocAutocall', parameters: update({ status }), credentials: credentials() });
				expect(error).toBeUndefined();
				expect(items.map((item) => item.json)).toEqual([{ projectId: 10000, status: Number(status), statusLabel: label, data: { id: 10000 } }]);
				expect(emulator.projects.get(10000)!.status).toBe(Number(status));
			}
			expect(emulator.projectUpdates).toEqual([
				{ id: 10000, status: 1 },
				{ id: 10000, status: 2 },
				{ id: 10000, status: 0 },
			]);
		});

		test('settings: only the fields set are sent (concurrent, callers as a list, worktime as given, name, priority)', async () => {
			const worktime = { week: [1, 2, 3, 4, 5], times: [{ start: '09:00', end: '12:00' }] };
			const { items, error } = await runNode({
				nodeType: 'icsocAutocall',
				parameters: update({
					updateFields: { concurrent: 30, callers: '02158888888, 02158888889;+862158888890', worktime: JSON.stringify(worktime), name: ' Spring ', priority: 200 },
				}),
				credentials: credentials(),
			});
			expect(error).toBeUndefined();
			expect(emulator.projectUpdates).toEqual([
				{ id: 10000, name: 'Spring', concurrent: 30, priority: 200, callers: ['02158888888', '02158888889', '+862158888890'], worktime },
			]);
			expect(items[0].json).toEqual(expect.objectContaining({ projectId: 10000, concurrent: 30, data: { id: 10000 } }));
			expect(items[0].json.statusLabel).toBeUndefined();
			const project = emulator.projects.get(10000)!;
			expect([project.concurrent, project.callers, project.status]).toEqual([30, ['02158888888', '02158888889', '+862158888890'], 0]);
		});

		test('refused before sending: nothing to update, a project ID that is not a whole number, bad fields; each names the item', async () => {
			const cases: Array<[INodeParameters, RegExp]> = [
				[update({}), /Nothing to update/],
				[update({ projectId: 'p-1', status: '1' }), /Project ID must be a whole number, got "p-1"/],
				// An expression yielding nothing (an empty fixed value is refused by n8n itself: required).
				[update({ projectId: '={{ "" }}', status: '1' }), /Project ID is empty/],
				[update({ updateFields: { callers: '0215 8888, abc' } }), /Caller Numbers: "abc" is not a phone number/],
				[update({ updateFields: { callers: '' } }), /Caller Numbers is empty/],
				[update({ updateFields: { worktime: '{"week":' } }), /Work Time is not valid JSON/],
				[update({ updateFields: { worktime: '{}' } }), /Work Time is empty/],
				[update({ updateFields: { priority: 300 } }), /Priority must be a whole number from 0 to 255/],
				[update({ updateFields: { concurrent: 0 } }), /Concurrency must be a whole number from 1/],
				[update({ updateFields: { name: '  ' } }), /Name is empty/],
			];
			for (const [parameters, message] of cases) {
				const { error } = await runNode({ nodeType: 'icsocAutocall', parameters, credentials: credentials() });
				expect([JSON.stringify(parameters), error?.message]).toEqual([JSON.stringify(parameters), expect.stringMatching(message)]);
			}
			expect(emulator.requests.filter((request) => request.path !== '/oauth2/token')).toHaveLength(0);
		});

		test('an unknown project: icsoc\'s code fails the item; with Continue On Fail the other items go on', async () => {
			const { items, error } = await runNode({
				nodeType: 'icsocAutocall',
				parameters: update({ projectId: '={{ $json.project }}', status: '1' }),
				credentials: credentials(),
				input: [{ project: 999 }, { project: '10000' }],
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(items[0].json.error).toMatch(new RegExp(`icsoc Autocall error ${PROJECT_NOT_FOUND_CODE}`));
			expect(items[1].json).toEqual(expect.objectContaining({ projectId: 10000, status: 1 }));
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		test('not sent twice on a guess: a lost answer (HTTP 502 after icsoc applied it) fails with "outcome unknown" and what to check', async () => {
			emulator.failNextProjectUpdates = [{ status: 502, applied: true }];
			const { error } = await runNode({ nodeType: 'icsocAutocall', parameters: update({ status: '1', updateFields: { concurrent: 5 } }), credentials: credentials() });
			expect(error?.message).toBe('icsoc Autocall projects/updateOrCreate: the outcome is unknown (HTTP 502)');
			expect(error?.description).toMatch(/Check project 10000 in the icsoc console \(status, concurrent\) before sending this update again/);
			expect(emulator.projectUpdates).toHaveLength(1);
			expect(emulator.requests.filter((request) => request.path === '/api/v3/projects/updateOrCreate')).toHaveLength(1);
		});

		test('one token for CDR search, project update and task data (icsoc allows 128 a day)', async () => {
			emulator.cdrs = makeCdrs(3);
			const credentialsHelper = newCredentialsHelper(credentials());
			for (const parameters of [{ resource: 'cdr', operation: 'search', returnAll: true }, update({ status: '2' }), getMany({ returnAll: true })]) {
				const { error } = await runNode({ nodeType: 'icsocAutocall', parameters, credentials: credentials(), credentialsHelper });
				expect(error).toBeUndefined();
			}
			expect(emulator.tokenRequests).toBe(1);
			expect(emulator.unauthorizedSearches).toBe(0);
		});
	});

	describe('Task Data → Get Many', () => {
		test('Return All pages with currentPage 1, 2, 3 at perPage 100 through all 230 records of the project, decoded', async () => {
			const { items, error } = await runNode({ nodeType: 'icsocAutocall', parameters: getMany({ returnAll: true }), credentials: credentials() });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(230);
			expect(items.map((item) => item.json.id)).toEqual(emulator.taskRecords.filter((r) => r.projectId === 10000).map((r) => r.id));
			expect(emulator.taskListRequests).toEqual([1, 2, 3].map((currentPage) => ({ projectId: 10000, currentPage, perPage: 100 })));
			expect(items[4].json).toEqual(
				expect.objectContaining({ callResult: 1, callResultLabel: 'connected', startedAtIso: '2024-05-01T08:04:00+08:00', connectedAtIso: '2024-05-01T08:04:10+08:00' }),
			);
			// A record not called yet has the columns of one called (n8n's table), empty.
			expect(items[1].json).toEqual(expect.objectContaining({ callResult: -2, callResultLabel: 'not called', startedAt: null, startedAtIso: null }));
			expect(Object.keys(items[1].json)).toEqual(Object.keys(items[4].json));
		});

		test('Limit keeps one page size for every page (offset paging) and stops at the limit', async () => {
			const { items } = await runNode({ nodeType: 'icsocAutocall', parameters: getMany({ returnAll: false, limit: 130 }), credentials: credentials() });
			expect(items).toHaveLength(130);
			expect(emulator.taskListRequests.map((request) => [request.currentPage, request.perPage])).toEqual([
				[1, 100],
				[2, 100],
			]);
			const { items: few } = await runNode({ nodeType: 'icsocAutocall', parameters: getMany({ returnAll: false, limit: 7 }), credentials: credentials() });
			expect(few).toHaveLength(7);
			expect(emulator.taskListRequests.slice(2)).toEqual([{ projectId: 10000, currentPage: 1, perPage: 7 }]);
		});

		test('filters are sent as icsoc types them (callResult an integer, phone text); raw values kept without decoding', async () => {
			const { items, error } = await runNode({
				nodeType: 'icsocAutocall',
				parameters: getMany({ returnAll: true, filters: { callResult: '-2', phone: '18512340001' }, decodeValues: false }),
				credentials: credentials(),
			});
			expect(error).toBeUndefined();
			expect(emulator.taskListRequests).toEqual([{ projectId: 10000, phone: '18512340001', callResult: -2, currentPage: 1, perPage: 100 }]);
			expect(items.map((item) => item.json)).toEqual([emulator.taskRecords[1]]);
		});

		test('Call Result added but left at "Any" sends no callResult ("any" never reaches icsoc)', async () => {
			const { items, error } = await runNode({
				nodeType: 'icsocAutocall',
				parameters: getMany({ returnAll: true, filters: { callResult: 'any' }, decodeValues: false }),
				credentials: credentials(),
			});
			expect(error).toBeUndefined();
			expect(emulator.taskListRequests.map((request) => request.callResult)).toEqual([undefined, undefined, undefined]);
			expect(JSON.stringify(emulator.taskListRequests)).not.toMatch(/any/i);
			expect(items).toHaveLength(230);
		});

		test('Task ID keeps the one record with that id, reading pages only until it is found', async () => {
			const wanted = emulator.taskRecords[150];
			const { items } = await runNode({ nodeType: 'icsocAutocall', parameters: getMany({ taskId: String(wanted.id) }), credentials: credentials() });
			expect(items.map((item) => item.json.id)).toEqual([wanted.id]);
			expect(emulator.taskListRequests.map((request) => request.currentPage)).toEqual([1, 2]);
			const { items: none } = await runNode({ nodeType: 'icsocAutocall', parameters: getMany({ taskId: '1' }), credentials: credentials() });
			expect(none).toHaveLength(0);
		});

		test('a success answer without data.results is an error naming what is missing, never an empty result', async () => {
			emulator.taskListDataOverride = { total: 0 };
			const { error } = await runNode({ nodeType: 'icsocAutocall', parameters: getMany({ returnAll: true }), credentials: credentials() });
			expect(error?.message).toBe('icsoc Autocall answered without "data.results"');
		});

		test('refused before sending: a project ID or Task ID that is not a whole number, an unknown time zone', async () => {
			for (const [parameters, message] of [
				[getMany({ projectId: 'p-1' }), /Project ID must be a whole number/],
				[getMany({ taskId: 't-1' }), /Task ID must be a whole number/],
				[getMany({ options: { icsocTimeZone: 'Mars/Base' } }), /Platform Time Zone is not an IANA time zone/],
			] as const) {
				const { error } = await runNode({ nodeType: 'icsocAutocall', parameters, credentials: credentials() });
				expect(error?.message).toMatch(message);
			}
			expect(emulator.taskListRequests).toHaveLength(0);
			expect(emulator.projectFieldRefusals).toEqual([]);
			expect(FIELD_TYPE_ERROR_CODE).toBe(1001);
		});
	});
});

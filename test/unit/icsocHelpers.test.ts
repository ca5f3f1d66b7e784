import { decodeIcsocRecord, ICSOC_TIME_FIELDS, icsocTimeToIso } from '../../nodes/IcsocAutocall/decode';
import { findTokenFailure, IcsocTokenError, readTokenResponse, tokenRequestForm } from '../../nodes/IcsocAutocall/token';

describe('icsoc decoding', () => {
	test('labels for callresult/endresult (numbers as strings too) and ISO twins, raw values kept', () => {
		const record = { callresult: '2', endresult: 11, start_time: 1714521600, end_time: '2024-05-01 08:00:30', answer_time: 0 };
		expect(decodeIcsocRecord(record)).toEqual({
			...record,
			callresultLabel: 'caller and called connected',
			endresultLabel: 'caller hung up',
			start_timeIso: '2024-05-01T00:00:00.000Z',
			end_timeIso: '2024-05-01T00:00:30.000Z',
		});
	});

	test('wall-clock times are read in the given zone; PHP "never" and junk give nothing', () => {
		expect(icsocTimeToIso('2024-05-01 08:00:00')).toBe('2024-05-01T00:00:00.000Z');
		expect(icsocTimeToIso('2024-05-01 08:00:00', 'UTC')).toBe('2024-05-01T08:00:00.000Z');
		expect(icsocTimeToIso('0000-00-00 00:00:00')).toBeUndefined();
		expect(icsocTimeToIso('soon')).toBeUndefined();
		expect(icsocTimeToIso(null)).toBeUndefined();
	});

	/**
	 * Every time field of seed 002_99ea987b9a177bc0: the CDR search results (1.3, plus
	 * `ansTime` of its example 1.4.2, which the table calls `answerTime`) and the CDR push
	 * (2.2, its `data` and the push's own `timestamp`).
	 */
	const SEED_SEARCH_TIME_FIELDS = [
		'startTimeEe',
		'ringTimeEe',
		'answerTimeEe',
		'endTimeEe',
		'startTime',
		'ringTime',
		'answerTime',
		'ansTime',
		'endTime',
	];
	const SEED_PUSH_TIME_FIELDS = [
		'call_time',
		'start_time_ee',
		'ring_time_ee',
		'answer_time_ee',
		'end_time_ee',
		'start_time',
		'ring_time',
		'ans_time',
		'link_time',
		'end_time',
	];

	test.each([
		['CDR search result', SEED_SEARCH_TIME_FIELDS],
		['CDR push data', SEED_PUSH_TIME_FIELDS],
	])("every time field of the seed's %s gets an ISO twin (unix seconds, numbers or strings)", (_label, fields) => {
		const record = Object.fromEntries(fields.map((field, i) => [field, i % 2 === 0 ? 1623996691 + i : String(1623996691 + i)]));
		const decoded = decodeIcsocRecord(record) as Record<string, unknown>;
		for (const [i, field] of fields.entries()) {
			expect([field, decoded[`${field}Iso`]]).toEqual([field, new Date((1623996691 + i) * 1000).toISOString()]);
		}
		expect(ICSOC_TIME_FIELDS).toEqual(expect.arrayContaining(fields));
	});

	test("the seed's push example: unset times (0 or \"0\") get no twin; durations and the push timestamp are read right", () => {
		const data = {
			call_id: '6811535818021285888',
			start_time_ee: '0',
			ring_time_ee: '0',
			answer_time_ee: '0',
			end_time_ee: '0',
			start_time: '1623996691',
			ring_time: '1623996696',
			ans_time: '0',
			link_time: '0',
			end_time: '1623996721',
			ans_secs: '0',
			link_secs: '0',
			all_secs: '30',
			callresult: '0',
			endresult: '12',
		};
		expect(decodeIcsocRecord({ type: 1, timestamp: '2021-01-01 00:00:00', data })).toEqual({
			type: 1,
			timestamp: '2021-01-01 00:00:00',
			timestampIso: '2020-12-31T16:00:00.000Z',
			data: {
				...data,
				start_timeIso: '2021-06-18T06:11:31.000Z',
				ring_timeIso: '2021-06-18T06:11:36.000Z',
				end_timeIso: '2021-06-18T06:12:01.000Z',
				callresultLabel: 'caller not connected',
				endresultLabel: 'agent hung up',
			},
		});
	});

	test('the seed\'s search example: a linked call gets twins for user and agent legs', () => {
		const result = { startTimeEe: 1616491470, answerTimeEe: 1616491472, startTime: 1616491476, ansTime: 1616491480, endTime: 1616491488, ansSecs: 8 };
		expect(decodeIcsocRecord(result)).toEqual({
			...result,
			startTimeEeIso: '2021-03-23T09:24:30.000Z',
			answerTimeEeIso: '2021-03-23T09:24:32.000Z',
			startTimeIso: '2021-03-23T09:24:36.000Z',
			ansTimeIso: '2021-03-23T09:24:40.000Z',
			endTimeIso: '2021-03-23T09:24:48.000Z',
		});
	});

	test('unknown codes get no label', () => {
		expect(decodeIcsocRecord({ callresult: '9' })).toEqual({ callresult: '9' });
	});
});

describe('icsoc token request', () => {
	const credentials = { clientId: 'c', clientSecret: 's/+&', username: '1001|8001', password: 'p w', scope: 'openid' };

	test('form body of the password grant', () => {
		expect(Object.fromEntries(new URLSearchParams(tokenRequestForm(credentials)))).toEqual({
			client_id: 'c',
			client_secret: 's/+&',
			grant_type: 'password',
			username: '1001|8001',
			password: 'p w',
			scope: 'openid',
		});
	});

	test('reads the access token', () => {
		expect(readTokenResponse(200, { access_token: 't', expires_in: 86400 })).toBe('t');
		expect(readTokenResponse(200, '{"access_token":"t2"}')).toBe('t2');
	});

	test('refusals name the OAuth error and its meaning, and carry no request data', () => {
		const refuse = (status: number, body: unknown) => {
			try {
				readTokenResponse(status, body);
			} catch (error) {
				return error as IcsocTokenError;
			}
			throw new Error('expected a refusal');
		};
		const badUser = refuse(400, { error: 'invalid_grant', error_description: 'Invalid username and password combination' });
		expect(badUser.message).toMatch(/^Could not get an icsoc access token: icsoc refused the token request \(HTTP 400, invalid_grant\)/);
		expect(badUser.message).toMatch(/Username .* or Password is wrong/);
		expect(refuse(401, { error: 'invalid_client' }).message).toMatch(/Client ID or Client Secret is wrong/);
		expect(refuse(404, 'not found').message).toMatch(/Token URL/);
		expect(refuse(200, { ok: true }).message).toMatch(/without an access_token/);
		expect(refuse(429, { error: 'slow_down' }).message).toMatch(/128 token requests/);
		expect(findTokenFailure(new Error('x', { cause: badUser }))).toBe(badUser.message);
		expect(findTokenFailure(new Error('other'))).toBeUndefined();
	});
});

import { decodeIcsocRecord, ICSOC_TIME_FIELDS, icsocTimeToIso } from '../../nodes/IcsocAutocall/decode';
import { NodeApiError } from 'n8n-workflow';

import {
	displayUrl,
	findTokenFailure,
	IcsocTokenError,
	readTokenResponse,
	shareTokenFetch,
	tokenFetchesInFlight,
	tokenFetchKey,
	tokenRequestForm,
	tokenUnreachableError,
} from '../../nodes/IcsocAutocall/token';

describe('icsoc decoding', () => {
	test('labels for callresult/endresult (numbers as strings too) and ISO twins at +08:00, each right after its raw field', () => {
		const record = { callresult: '2', endresult: 11, start_time: 1714521600, end_time: '2024-05-01 08:00:30', answer_time: 0 };
		const decoded = decodeIcsocRecord(record);
		expect(decoded).toEqual({
			...record,
			callresultLabel: 'caller and called connected',
			endresultLabel: 'caller hung up',
			start_timeIso: '2024-05-01T08:00:00+08:00',
			end_timeIso: '2024-05-01T08:00:30+08:00',
			answer_timeIso: null,
		});
		expect(Object.keys(decoded)).toEqual([
			'callresult',
			'callresultLabel',
			'endresult',
			'endresultLabel',
			'start_time',
			'start_timeIso',
			'end_time',
			'end_timeIso',
			'answer_time',
			'answer_timeIso',
		]);
		// Another Platform Time Zone: wall-clock text keeps its digits, unix times are shown there.
		expect(decodeIcsocRecord(record, 'Asia/Tokyo')).toMatchObject({ start_timeIso: '2024-05-01T09:00:00+09:00', end_timeIso: '2024-05-01T08:00:30+09:00' });
	});

	test('wall-clock times are read in the given zone, with its offset then; PHP "never" and junk give nothing', () => {
		expect(icsocTimeToIso('2024-05-01 08:00:00')).toBe('2024-05-01T08:00:00+08:00');
		expect(icsocTimeToIso('2024-05-01 08:00:00', 'UTC')).toBe('2024-05-01T08:00:00Z');
		expect(icsocTimeToIso('2024-07-01 08:00:00', 'America/New_York')).toBe('2024-07-01T08:00:00-04:00');
		expect(icsocTimeToIso('2024-12-01 08:00:00', 'America/New_York')).toBe('2024-12-01T08:00:00-05:00');
		expect(icsocTimeToIso(1_733_058_000, 'America/New_York')).toBe('2024-12-01T08:00:00-05:00');
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
			// 1623996691 is 2021-06-18 06:11:31 UTC, 14:11:31 in China.
			expect([field, decoded[`${field}Iso`]]).toEqual([field, `2021-06-18T14:11:${31 + i}+08:00`]);
		}
		expect(ICSOC_TIME_FIELDS).toEqual(expect.arrayContaining(fields));
	});

	test("the seed's push example: unset times (0 or \"0\") get a null twin; durations and the push timestamp are read right", () => {
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
			timestampIso: '2021-01-01T00:00:00+08:00',
			data: {
				...data,
				start_timeIso: '2021-06-18T14:11:31+08:00',
				ring_timeIso: '2021-06-18T14:11:36+08:00',
				end_timeIso: '2021-06-18T14:12:01+08:00',
				start_time_eeIso: null,
				ring_time_eeIso: null,
				answer_time_eeIso: null,
				end_time_eeIso: null,
				ans_timeIso: null,
				link_timeIso: null,
				callresultLabel: 'caller not connected',
				endresultLabel: 'agent hung up',
			},
		});
	});

	test('the seed\'s search example: a linked call gets twins for user and agent legs', () => {
		const result = { startTimeEe: 1616491470, answerTimeEe: 1616491472, startTime: 1616491476, ansTime: 1616491480, endTime: 1616491488, ansSecs: 8 };
		expect(decodeIcsocRecord(result)).toEqual({
			...result,
			startTimeEeIso: '2021-03-23T17:24:30+08:00',
			answerTimeEeIso: '2021-03-23T17:24:32+08:00',
			startTimeIso: '2021-03-23T17:24:36+08:00',
			ansTimeIso: '2021-03-23T17:24:40+08:00',
			endTimeIso: '2021-03-23T17:24:48+08:00',
		});
	});

	test('unknown codes get no label: a null one', () => {
		expect(decodeIcsocRecord({ callresult: '9' })).toEqual({ callresult: '9', callresultLabel: null });
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
		expect(badUser.message).toMatch(/Username or Password is wrong/);
		expect(refuse(401, { error: 'invalid_client' }).message).toMatch(/Client ID or Client Secret is wrong/);
		expect(refuse(404, 'not found').message).toMatch(/Token URL/);
		expect(refuse(200, { ok: true }).message).toMatch(/without an access_token/);
		expect(refuse(429, { error: 'slow_down' }).message).toMatch(/128 token requests/);
		expect(findTokenFailure(new Error('x', { cause: badUser }))).toBe(badUser.message);
		expect(findTokenFailure(new Error('other'))).toBeUndefined();
	});
});

describe('icsoc token fetch sharing and failures', () => {
	const identity = {
		tokenUrl: 'https://account.icsoc.net/oauth2/token',
		clientId: 'c',
		clientSecret: 'secret-abc',
		username: '1001|8001',
		password: 'pass-xyz',
		scope: 'openid',
	};

	test('the key names URL, client, user and scope, and holds the secrets only hashed', () => {
		const key = tokenFetchKey(identity);
		expect(key).toContain(identity.tokenUrl);
		expect(key).toContain('1001|8001');
		expect(key).not.toContain('secret-abc');
		expect(key).not.toContain('pass-xyz');
		expect(tokenFetchKey({ ...identity })).toBe(key);
		for (const change of [{ clientSecret: 'other' }, { password: 'other' }, { username: '1001|8002' }, { tokenUrl: 'https://x/t' }]) {
			expect(tokenFetchKey({ ...identity, ...change })).not.toBe(key);
		}
		// Secrets cannot be shifted between fields to collide.
		expect(tokenFetchKey({ ...identity, clientSecret: 'ab', password: 'c' })).not.toBe(
			tokenFetchKey({ ...identity, clientSecret: 'a', password: 'bc' }),
		);
	});

	test('concurrent callers share one fetch; a failure is shared, then forgotten', async () => {
		let fetches = 0;
		let fail = true;
		const fetch = async () => {
			fetches++;
			await new Promise((resolve) => setTimeout(resolve, 20));
			if (fail) throw new IcsocTokenError('down');
			return `token-${fetches}`;
		};
		const failed = await Promise.allSettled([1, 2, 3].map(() => shareTokenFetch('k', fetch)));
		expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(fetches).toBe(1);
		expect(tokenFetchesInFlight()).toBe(0);
		fail = false;
		expect(await Promise.all([shareTokenFetch('k', fetch), shareTokenFetch('k', fetch)])).toEqual(['token-2', 'token-2']);
		expect(await shareTokenFetch('other', fetch)).toBe('token-3');
		expect(tokenFetchesInFlight()).toBe(0);
	});

	test('a redirect is a failure naming the Token URL and where it pointed, without query or user info', () => {
		let failure: Error | undefined;
		try {
			readTokenResponse(302, { access_token: 'x' }, 'http://user:pw@127.0.0.1:8080/oauth2/token?k=1', {
				location: '/login?next=secret-next',
			});
		} catch (error) {
			failure = error as Error;
		}
		expect(failure?.message).toBe(
			'Could not get an icsoc access token: the Token URL http://127.0.0.1:8080/oauth2/token redirected (HTTP 302) to http://127.0.0.1:8080/login; the token request is not sent on, as it carries the client secret and the password: check "Token URL" in the icsoc Autocall API credential (set it to the address that answers itself)',
		);
	});

	test('refusals name the Token URL when given', () => {
		expect(() => readTokenResponse(400, { error: 'invalid_grant' }, 'https://a.example/t')).toThrow(/; Token URL https:\/\/a\.example\/t$/);
		expect(() => readTokenResponse(200, {}, 'https://a.example/t')).toThrow(
			/the Token URL https:\/\/a\.example\/t answered HTTP 200 without an access_token; check "Token URL"/,
		);
		expect(displayUrl('no url')).toBe('(not a URL)');
	});

	test('unreachable Token URLs are told in words n8n keeps (no error code names), and found inside n8n errors', () => {
		const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const codes = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ECONNRESET', 'EHOSTUNREACH', 'CERT_HAS_EXPIRED', 'ERR_INVALID_URL', 'EWHATEVER'];
		for (const code of codes) {
			const failure = tokenUnreachableError('http://127.0.0.1:1/oauth2/token', Object.assign(new Error(`connect ${code} pass-xyz`), { code }));
			expect(failure.message).toMatch(/^Could not get an icsoc access token: the Token URL http:\/\/127\.0\.0\.1:1\/oauth2\/token .+; check "Token URL" in the icsoc Autocall API credential/);
			expect(failure.message).not.toMatch(/\bE[A-Z]{3,}|ERR_|pass-xyz/);
			// As n8n wraps it when preAuthentication fails, and as the transport looks for it.
			const wrapped = new NodeApiError(node, failure as unknown as Record<string, never>);
			expect(wrapped.message).toBe(failure.message);
			expect(findTokenFailure(wrapped)).toBe(failure.message);
		}
		expect(tokenUnreachableError('x', { code: 'ECONNABORTED' }).message).toMatch(/did not answer within 15 s/);
	});

	test('a token failure is found even where n8n replaced the message with its own', () => {
		const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const old = new IcsocTokenError('http://127.0.0.1:1/oauth2/token did not answer (ECONNREFUSED)');
		const wrapped = new NodeApiError(node, old as unknown as Record<string, never>);
		expect(wrapped.message).not.toBe(old.message);
		expect(findTokenFailure(wrapped)).toBe(old.message);
	});
});

import { decodeIcsocRecord, icsocTimeToIso } from '../../nodes/IcsocAutocall/decode';
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

import {
	authTimestamp,
	canonicalRequest,
	hostHeaderOf,
	isalesAuthorization,
	normalize,
} from '../../nodes/HuaweiIsales/signing';

const keys = { accessKey: 'globalaktest', secretKey: '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p' };
const path = '/rest/isales/v1/openapi/campaigns/8/callresultdetail/1644464743-1388';

describe('Huawei iSales auth-v2 signing', () => {
	test('reproduces the vendor-apis.md vector exactly', () => {
		expect(
			isalesAuthorization(
				keys,
				{ method: 'GET', path, headers: { host: '10.22.26.181:28080' } },
				new Date('2024-01-01T00:00:00Z'),
			),
		).toBe(
			'auth-v2/globalaktest/2024-01-01T00:00:00Z/host/21a5b75b4ade1f0c03d4220a4f9f02e79a2c2393a6a973c03bc3c149227069e4',
		);
	});

	test('timestamp drops milliseconds', () => {
		expect(authTimestamp(new Date('2024-05-06T07:08:09.987Z'))).toBe('2024-05-06T07:08:09Z');
	});

	test('normalize keeps unreserved characters and encodes every other UTF-8 byte in uppercase hex', () => {
		expect(normalize('AZaz09-._~')).toBe('AZaz09-._~');
		expect(normalize('a b/c?d=e&f+g:h')).toBe('a%20b%2Fc%3Fd%3De%26f%2Bg%3Ah');
		expect(normalize('呼叫')).toBe('%E5%91%BC%E5%8F%AB');
		expect(normalize('{"a":1}')).toBe('%7B%22a%22%3A1%7D');
	});

	test('canonical request without query and body', () => {
		expect(canonicalRequest({ method: 'get', path: '/p', headers: { Host: 'h:1' } })).toBe('GET\n/p\nhost\nhost:h%3A1\n');
	});

	test('query pairs are normalized, then sorted as k=v text ("%" sorts before "="), on their own line', () => {
		expect(
			canonicalRequest({
				method: 'GET',
				path: '/p',
				query: [
					['z', '1'],
					['a b', '名'],
					['a', 'x&y'],
				],
				headers: { host: 'h' },
			}),
		).toBe('GET\n/p\na%20b=%E5%90%8D&a=x%26y&z=1\nhost\nhost:h\n');
	});

	test('body text is appended normalized, and changes the signature', () => {
		const body = '{"pageNum":1,"beginTime":"2024-01-01"}';
		expect(canonicalRequest({ method: 'POST', path: '/p', headers: { host: 'h' }, body })).toBe(
			'POST\n/p\nhost\nhost:h\n' + normalize(body),
		);
		const now = new Date('2024-01-01T00:00:00Z');
		const a = isalesAuthorization(keys, { method: 'POST', path: '/p', headers: { host: 'h' }, body }, now);
		const b = isalesAuthorization(keys, { method: 'POST', path: '/p', headers: { host: 'h' }, body: body + ' ' }, now);
		expect(a).not.toBe(b);
	});

	test('several signed headers are lower-cased and sorted', () => {
		expect(canonicalRequest({ method: 'GET', path: '/p', headers: { X: '1', Host: 'h' } })).toBe(
			'GET\n/p\nhost;x\nhost:h\nx:1\n',
		);
	});

	test('host header as the HTTP client sends it: default ports omitted', () => {
		expect(hostHeaderOf('https://10.22.26.181:28080/rest')).toBe('10.22.26.181:28080');
		expect(hostHeaderOf('https://isales.example.com:443/rest')).toBe('isales.example.com');
		expect(hostHeaderOf('http://isales.example.com:80/x')).toBe('isales.example.com');
		expect(hostHeaderOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1:8080');
	});
});

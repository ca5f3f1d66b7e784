import { decryptPushData, PushRejection, pushKey, pushSign, rawValueText, signMatches, verifyPush } from '../../nodes/IcsocAutocall/pushCrypto';
import { icsocEncrypt, icsocPushBody, icsocSign, phpJsonEncode } from '../emulators/icsocEmulator';

// Computed vectors from vendor-apis.md (icsoc section).
const SECRET = '0123456789abcdef0123456789abcdef';
const PLAIN = '{"call_id":"abc","phone":"18512345678"}';
const ENCRYPTED = 'gx75AbBghPFFvUP0tLl1FzqKjduDTT+oyylja7NKCTtGL649QvwL';

function rejection(work: () => unknown): PushRejection {
	try {
		work();
	} catch (error) {
		if (error instanceof PushRejection) return error;
		throw error;
	}
	throw new Error('expected a PushRejection');
}

describe('icsoc push signature and encryption (vendor vectors)', () => {
	test('sign of plain data', () => {
		expect(pushSign(PLAIN, SECRET)).toBe('e5010cd77d3fff5fcaa839a854a30653');
		expect(signMatches(PLAIN, SECRET, 'e5010cd77d3fff5fcaa839a854a30653')).toBe(true);
		expect(signMatches(PLAIN, SECRET, 'E5010CD77D3FFF5FCAA839A854A30653')).toBe(true);
	});

	test('sign of encrypted data is over the base64 text', () => {
		expect(pushSign(ENCRYPTED, SECRET)).toBe('679009f2b8a00ac18c5666592bb11bdc');
	});

	test('decrypts the vendor vector', () => {
		expect(decryptPushData(ENCRYPTED, SECRET)).toEqual({ call_id: 'abc', phone: '18512345678' });
	});

	test('the test-side encoder and encrypter reproduce the vendor vectors', () => {
		expect(phpJsonEncode({ call_id: 'abc', phone: '18512345678' })).toBe(PLAIN);
		expect(icsocEncrypt(PLAIN, SECRET)).toBe(ENCRYPTED);
		expect(icsocSign(PLAIN, SECRET)).toBe('e5010cd77d3fff5fcaa839a854a30653');
	});

	test('wrong, shorter, longer and non-string signatures do not match', () => {
		expect(signMatches(PLAIN, SECRET, 'e5010cd77d3fff5fcaa839a854a30654')).toBe(false);
		expect(signMatches(PLAIN, SECRET, 'e5010cd77d3fff5fcaa839a854a3065')).toBe(false);
		expect(signMatches(PLAIN, SECRET, 'e5010cd77d3fff5fcaa839a854a306530')).toBe(false);
		expect(signMatches(PLAIN, SECRET, 12345)).toBe(false);
		expect(signMatches(PLAIN, 'another secret', 'e5010cd77d3fff5fcaa839a854a30653')).toBe(false);
	});

	test('a short secret is zero-padded to 32 bytes (as PHP openssl does), a long one cut', () => {
		expect(pushKey('abc')).toEqual(Buffer.concat([Buffer.from('abc'), Buffer.alloc(29)]));
		expect(pushKey('x'.repeat(40))).toEqual(Buffer.from('x'.repeat(32)));
		const encrypted = icsocEncrypt('{"a":"短"}', 'short');
		expect(decryptPushData(encrypted, 'short')).toEqual({ a: '短' });
	});

	test('bad base64 and undecryptable data are 400 rejections', () => {
		expect(rejection(() => decryptPushData('not base64!', SECRET)).status).toBe(400);
		expect(rejection(() => decryptPushData('', SECRET)).status).toBe(400);
		expect(rejection(() => decryptPushData(ENCRYPTED, 'wrong secret')).message).toMatch(/could not be decrypted/);
	});
});

describe('rawValueText: the exact text of a top-level value', () => {
	test('keeps PHP escapes byte for byte', () => {
		const body = '{"type":1,"sign":"x","data":{"url":"http:\\/\\/a\\/b","area":"\\u5317\\u4eac","n":"0"},"timestamp":"t"}';
		expect(rawValueText(body, 'data')).toBe('{"url":"http:\\/\\/a\\/b","area":"\\u5317\\u4eac","n":"0"}');
		expect(rawValueText(body, 'type')).toBe('1');
		expect(rawValueText(body, 'missing')).toBeUndefined();
	});

	test('skips nested brackets and braces inside strings, tolerates whitespace', () => {
		const body = ' { "a" : "}{][\\"" , "data" : [ {"x":"]"} , 2 ] , "z":null } ';
		expect(rawValueText(body, 'data')).toBe('[ {"x":"]"} , 2 ]');
		expect(rawValueText(body, 'z')).toBe('null');
	});

	test('a key written with escapes is found by its decoded name; the last duplicate wins', () => {
		expect(rawValueText('{"d\\u0061ta":1,"data":2}', 'data')).toBe('2');
	});
});

describe('verifyPush', () => {
	const data = { call_id: 'c-1', area: '北京/朝阳', callresult: '2', memo: 'say "hi" 😀' };

	test('a plain push signed over PHP json_encode text verifies; JSON.stringify text would not', () => {
		const body = icsocPushBody({ type: 1, data, secret: SECRET });
		expect(body).toContain('\\u5317\\u4eac\\/');
		expect(body).toContain('\\ud83d\\ude00');
		const push = verifyPush(body, SECRET);
		expect(push).toEqual({ type: 1, timestamp: '2024-05-01 12:00:00', encrypted: false, data, sign: JSON.parse(body).sign });
		expect(signMatches(JSON.stringify(data), SECRET, JSON.parse(body).sign)).toBe(false);
	});

	test('an encrypted push verifies and decrypts (its base64 "/" arrives as "\\/")', () => {
		let body = '';
		for (let i = 0; i < 50 && !body.includes('\\/'); i++) {
			body = icsocPushBody({ type: 1, data: { ...data, n: String(i) }, secret: SECRET, encrypt: true });
		}
		expect(body).toContain('\\/');
		const push = verifyPush(body, SECRET);
		expect(push.encrypted).toBe(true);
		expect(push.data).toEqual(expect.objectContaining({ area: '北京/朝阳' }));
	});

	test('rejections: 400 for malformed bodies, 401 for missing or wrong signatures', () => {
		const good = icsocPushBody({ type: 1, data, secret: SECRET });
		expect(rejection(() => verifyPush(good, 'other')).status).toBe(401);
		expect(rejection(() => verifyPush(good.replace('c-1', 'c-2'), SECRET)).status).toBe(401);
		expect(rejection(() => verifyPush(good.slice(0, -10), SECRET)).status).toBe(400);
		expect(rejection(() => verifyPush('hello', SECRET)).status).toBe(400);
		expect(rejection(() => verifyPush('', SECRET)).status).toBe(400);
		expect(rejection(() => verifyPush('[1,2]', SECRET)).status).toBe(400);
		expect(rejection(() => verifyPush('{"type":1,"sign":"abc"}', SECRET)).status).toBe(400);
		expect(rejection(() => verifyPush(`{"type":1,"data":${phpJsonEncode(data)}}`, SECRET)).status).toBe(401);
		const badBase64 = `{"type":1,"sign":"${icsocSign('%%%', SECRET)}","data":"%%%"}`;
		expect(rejection(() => verifyPush(badBase64, SECRET)).status).toBe(400);
	});
});

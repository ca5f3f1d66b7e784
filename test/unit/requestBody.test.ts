import type { IHttpRequestOptions } from 'n8n-workflow';

import { parseJsonText, requestTargetOf, serializeJsonBody, withBaseUrl } from '../../nodes/shared/requestBody';

describe('requestTargetOf / withBaseUrl', () => {
	test("reads `url` of n8n's request helpers and `uri` of the older ones (HTTP Request node)", () => {
		expect(requestTargetOf({ url: '/api/x' })).toEqual({ field: 'url', target: '/api/x' });
		const legacy = { uri: 'https://host/api/x' } as unknown as IHttpRequestOptions;
		expect(requestTargetOf(legacy)).toEqual({ field: 'uri', target: 'https://host/api/x' });
	});

	test('adds the base URL to a path only, in either form', () => {
		expect(withBaseUrl({ url: '/api/x' }, 'https://base/')).toEqual({ url: '/api/x', baseURL: 'https://base' });
		expect(withBaseUrl({ url: 'https://other/api/x' }, 'https://base')).toEqual({ url: 'https://other/api/x' });
		const legacy = { uri: 'https://other/api/x' } as unknown as IHttpRequestOptions;
		expect(withBaseUrl(legacy, 'https://base')).toBe(legacy);
	});
});

describe('serializeJsonBody / parseJsonText', () => {
	test('text is kept byte for byte, objects serialised once, no body is "{}"', () => {
		expect(serializeJsonBody('{"b":1, "a":2}')).toBe('{"b":1, "a":2}');
		expect(serializeJsonBody({ a: [1] })).toBe('{"a":[1]}');
		expect(serializeJsonBody(undefined)).toBe('{}');
	});

	test('JSON text is parsed, other text kept', () => {
		expect(parseJsonText('{"a":1}')).toEqual({ a: 1 });
		expect(parseJsonText('<html>')).toBe('<html>');
	});
});

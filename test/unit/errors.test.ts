import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorItem, httpStatusError, notAnApiResponseError, unreachableError, vendorApiError } from '../../nodes/shared/errors';
import { readHttpFailure } from '../../nodes/shared/httpFailure';

const node: INode = { id: 'n', name: 'Vendor', type: 'x.vendor', typeVersion: 1, position: [0, 0], parameters: {} };

describe('shared node errors', () => {
	test('a vendor code: message with code and meaning; description with the vendor text, hint and reference', () => {
		const error = vendorApiError(node, {
			vendor: 'NXCloud Callbot',
			code: 6,
			meaning: 'incorrect signature',
			vendorMessage: 'sign error',
			hint: 'Check the Secret Key.',
			reference: { label: 'responseID', value: 'r-1' },
			itemIndex: 3,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('NXCloud Callbot error 6: incorrect signature');
		// One paragraph of sentences: n8n drops line breaks in a description.
		expect(error.description).toBe(
			'NXCloud Callbot says: "sign error". Check the Secret Key. When contacting NXCloud Callbot support, quote responseID r-1.',
		);
		expect(error.context.itemIndex).toBe(3);
		expect(errorItem(error, 3)).toEqual({
			json: { error: error.message, description: error.description },
			pairedItem: { item: 3 },
		});
	});

	test('an HTTP 404 points at the Base URL with the vendor example; other statuses quote the answer', () => {
		const notFound = httpStatusError(node, { vendor: 'V', status: 404, answer: '<html>nope</html>', baseUrlExample: 'https://v.example', itemIndex: 0 });
		expect(notFound.message).toBe('V error HTTP 404: endpoint not found');
		expect(notFound.description).toContain('V says: "<html>nope</html>".');
		expect(notFound.description).toContain('e.g. https://v.example');
		expect(notFound.httpCode).toBe('404');
		const busy = httpStatusError(node, { vendor: 'V', status: 502, answer: { error: 'gateway' }, baseUrlExample: 'https://v.example', itemIndex: 1 });
		expect(busy.message).toBe('V error HTTP 502');
		expect(busy.description).toBe('V says: "{"error":"gateway"}".');
	});

	test('no answer at all names the network code and what to check', () => {
		const failure = readHttpFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
		const error = unreachableError(node, 'V', failure, 'http://127.0.0.1:9', 2);
		expect(error.message).toBe('Could not reach V: ECONNREFUSED');
		expect(error.description).toBe('Nothing answered at http://127.0.0.1:9: check the Base URL (host and port) in the credential.');
	});

	test('an answer that is not the vendor JSON says what came, shortened', () => {
		const error = notAnApiResponseError(node, 'V', 'x'.repeat(1000), 'retCode', 0);
		expect(error.message).toBe('V answered with something that is not an API response');
		expect(error.description).toBe(`Expected JSON with a retCode; got: ${'x'.repeat(300)}. Check the Base URL in the credential.`);
	});
});

import { nxCloudSign, nxCloudSignedHeaders, parseAlgorithm } from '../../nodes/NxCloudCallbot/signing';

// Vectors from vendor-apis.md (computed from the vendor's stated algorithm).
const vector = {
	secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr',
	uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR',
	requestId: '0123456789abcdef0123456789abcdef',
	createTs: '1700000000',
	body: '{"data":"ping"}',
};

describe('NXCloud signature', () => {
	test('MD5 vector', () => {
		expect(nxCloudSign({ ...vector, algorithm: 'MD5' })).toBe('B13974D77A7E6B91FF2952D1938AACCE');
	});

	test('SHA256 vector', () => {
		expect(nxCloudSign({ ...vector, algorithm: 'SHA256' })).toBe(
			'3D3F8D612D5A8AAB93E94328222B944BDE093168B2CE766973E597D373C057AA',
		);
	});

	test('the body is signed byte for byte: whitespace changes the sign', () => {
		const spaced = nxCloudSign({ ...vector, body: '{"data": "ping"}', algorithm: 'MD5' });
		expect(spaced).not.toBe('B13974D77A7E6B91FF2952D1938AACCE');
	});

	test('signed headers carry the vector sign for a fixed clock and request ID', () => {
		const headers = nxCloudSignedHeaders(
			{ uuid: vector.uuid, secretKey: vector.secretKey, algorithm: 'SHA256' },
			vector.body,
			new Date(1_700_000_000_500),
			vector.requestId,
		);
		expect(headers).toMatchObject({
			requestID: vector.requestId,
			uuid: vector.uuid,
			createTs: '1700000000',
			algorithm: 'SHA256',
			sign: '3D3F8D612D5A8AAB93E94328222B944BDE093168B2CE766973E597D373C057AA',
		});
		expect(JSON.stringify(headers)).not.toContain(vector.secretKey);
	});

	test('each request gets its own request ID', () => {
		const creds = { uuid: vector.uuid, secretKey: vector.secretKey, algorithm: 'MD5' as const };
		expect(nxCloudSignedHeaders(creds, '{}').requestID).not.toBe(nxCloudSignedHeaders(creds, '{}').requestID);
	});

	test('algorithm names are read leniently and unknown ones refused', () => {
		expect(parseAlgorithm(undefined)).toBe('MD5');
		expect(parseAlgorithm('sha-256')).toBe('SHA256');
		expect(() => parseAlgorithm('SHA1')).toThrow(/MD5 or SHA256/);
	});
});

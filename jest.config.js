/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Type checking is `npm run typecheck`'s job; ts-jest only transpiles (isolatedModules).
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// n8n-core keeps module-level handles (HTTP agents, telemetry) open after the last test.
	forceExit: true,
	testTimeout: 60000,
};

#!/usr/bin/env node
// `npm start`: a local n8n 2.8.4 with this package, the vendor emulators and the example
// workflows, so every node can be tried without vendor accounts. Ctrl+C stops everything.
require('./register-ts');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { NxCloudEmulator } = require('../test/emulators/nxCloudEmulator');
const { icsocPushBody } = require('../test/emulators/icsocEmulator');
const { RealN8n, freePort, makeUserFolderWithPackage, n8nInstallDir } = require('../test/e2e/realN8n');

const nxAccount = { uuid: 'sandbox-uuid', secretKey: 'sandbox-secret' };
const pushSecret = 'sandbox-push-secret';

async function main() {
	const installDir = n8nInstallDir();
	const nx = await new NxCloudEmulator(nxAccount).start();
	nx.addOrders('demo-task', ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5']);
	const port = Number(process.env.N8N_PORT || (await freePort()));
	const n8n = new RealN8n(installDir, makeUserFolderWithPackage(), port, await freePort());
	await n8n.importJson('credentials', [
		{ id: 'exNxCloud0000001', name: 'NXCloud (emulator)', type: 'nxCloudCallbotApi', data: { baseUrl: nx.baseUrl, ...nxAccount, algorithm: 'MD5' } },
		{ id: 'exIcsocPush00001', name: 'icsoc push (emulator)', type: 'icsocAutocallPushApi', data: { secret: pushSecret } },
	]);
	const examples = path.join(__dirname, '../examples');
	const workflows = fs.readdirSync(examples).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(examples, f), 'utf8')));
	await n8n.importJson('workflow', workflows);
	await n8n.cli(['publish:workflow', '--id=exIcsocPushCrm01']);
	await n8n.start();
	const hook = `http://127.0.0.1:${port}/webhook/example-icsoc-push/icsoc-autocall`;
	const body = icsocPushBody({ type: 1, data: { call_id: 'demo-call', project_id: '7', callresult: '2', endresult: '11', start_time: String(Math.floor(Date.now() / 1000)) }, secret: pushSecret });
	const sample = path.join(n8n.userFolder, 'sample-push.json');
	fs.writeFileSync(sample, body);
	console.log(`
n8n with n8n-nodes-callcenter is running: http://127.0.0.1:${port}/  (create the owner account on first visit)
NXCloud emulator: ${nx.baseUrl}  (credential "NXCloud (emulator)")
Try:
  - open "Example: daily call report" and click "Execute workflow": 5 orders from the NXCloud emulator, summarised
  - send a signed icsoc push to the active "Example: icsoc call pushes -> CRM update":
      curl -s -H 'Content-Type: application/json' --data-binary @${sample} ${hook}
    (answer {"code":0}; see Executions)
Ctrl+C stops n8n and the emulators. Data folder: ${n8n.userFolder}`);
	const stop = async () => {
		await n8n.stop();
		await nx.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

#!/usr/bin/env node
// `npm start`: a local n8n 2.8.4 with this package, the vendor emulators and the example
// workflows, so every node can be tried without vendor accounts. Ctrl+C stops everything.
// The setup itself is test/e2e/sandbox.ts, which test/e2e/examples.e2e.test.ts checks.
require('./register-ts');

const { createSandbox, demoData } = require('../test/e2e/sandbox');

async function main() {
	const sandbox = await createSandbox({ port: process.env.N8N_PORT ? Number(process.env.N8N_PORT) : undefined });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the emulators...');
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	await sandbox.startN8n();
	const { n8n, nxCloud, icsoc, isales } = sandbox;
	console.log(`
n8n with n8n-nodes-callcenter is running: http://127.0.0.1:${n8n.port}/  (create the owner account on first visit)
Emulators (credentials already set up, see Overview > Credentials):
  NXCloud Callbot  ${nxCloud.baseUrl}  credential "NXCloud (emulator)"
  icsoc Autocall   ${icsoc.baseUrl}  credential "icsoc Autocall (emulator)" (OAuth2 token from the emulator)
  Huawei CC-iSales ${isales.baseUrl}  credential "Huawei CC-iSales (emulator)" (self-signed HTTPS: "Ignore SSL Issues" is on)
Try (open the workflow, click "Execute workflow", click a node to see its data):
  - "Example: daily call report": ${demoData.nxCloudOrders.length} orders from the NXCloud emulator, counted
  - "Example: yesterday's icsoc CDRs to a report": yesterday's calls (one every ${demoData.icsocCallSpacingSeconds / 60} min, read page by page), counted per call result
  - "Example: Huawei campaign call results": the ${demoData.isalesCallResults} results of campaign "${demoData.isalesCampaignId}", the failed calls turned into a call-back list
  - "Example: yesterday's calls of all three vendors -> answer rate, talk time, outcomes": NXCloud orders, icsoc CDRs and Huawei
    call results merged, yesterday's kept (call.startedAt), then answer rate, average talk time and calls per outcome (call.outcome)
  - the active "Example: icsoc call pushes -> CRM update" waits for icsoc to push a call; send it a signed one:
      curl -s -H 'Content-Type: application/json' --data-binary @${sandbox.samplePushFile} ${sandbox.icsocPushUrl}
    (answer {"code":0}; the run shows under Executions)
  - the active "Example: NXCloud call pushes -> Remove Duplicates -> CRM update" waits for NXCloud to push a call; send it a signed one:
      ${sandbox.nxCloudSamplePush.curl}
    (answer {"retCode":0}; the CRM stand-in ${sandbox.crm.callsUrl} gets the update. Send it again: a second run, but Remove
    Duplicates drops it on dedupeKey and the CRM is not updated twice. Change a byte of the body or a header: HTTP 401, no run)
  - the active "Example: Huawei campaign results push -> call-back list" waits for iSales to push call results (a campaign's
    callBackUrl is the trigger's Production URL with ?token=); send it three results, two of them failed calls:
      curl -s -H 'Content-Type: application/json' --data-binary @${sandbox.isalesSamplePushFile} '${sandbox.isalesPushUrl}'
    (HTTP 200; the two failed numbers are added to call-back campaign ${demoData.isalesCallBackCampaignId}; without ?token=: 401)
  - the active "Example: icsoc pre-call push -> do-not-call list -> reply" decides which records icsoc dials; send it three:
      curl -s -H 'Content-Type: application/json' --data-binary @${sandbox.icsocPreCallPushFile} ${sandbox.icsocPreCallUrl}
    (the reply rejects the record whose number is on the example's do-not-call list)
  - the active "Example: call pushes of all three vendors -> Remove Duplicates -> one CRM update" has one trigger per vendor and
    builds the CRM update from call fields only; send it the sample push of each vendor:
      NXCloud call push:      ${sandbox.crossVendor.curl.nxCloud}
      icsoc CDR push:         ${sandbox.crossVendor.curl.icsoc}
      Huawei results push:    ${sandbox.crossVendor.curl.isales}
    (answers {"retCode":0}, {"code":0}, HTTP 200; 1 + 1 + 3 calls reach the CRM stand-in ${sandbox.crm.callsUrl}, each with
    the same fields. Send them again: new runs under Executions, but Remove Duplicates drops every call, no second CRM update)
Workflow time zone: ${sandbox.timeZone} (set GENERIC_TIMEZONE to change it). Data folder: ${n8n.userFolder}
Ctrl+C stops n8n and the emulators.`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

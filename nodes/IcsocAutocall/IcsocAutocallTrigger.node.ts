import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeCode } from '../shared/codeTables';
import { wallClockToZonedIso } from '../shared/dates';
import { addCallRecordProperty } from '../shared/properties';
import { isRecord, reject } from '../shared/push';
import { answerPush, pushWebhookDescription, readResponseMode, responseModeProperty, type PushReplies, URL_SET_BY_USER } from '../shared/pushWebhook';
import { icsocCallRecord } from './callRecord';
import { PUSH_TYPE } from './codes';
import { decodeIcsocRecord, ICSOC_TIME_ZONE } from './decode';
import { icsocReplyTiming, readPreCallReplyMode } from './preCall/replyTiming';
import { checkPush, icsocPushType } from './pushCrypto';
import { icsocPushSecretTest } from './pushSecretTest';

/** icsoc's replies: {"code":0} for a push it should not send again, a non-zero code for a refusal. */
const ICSOC_REPLIES: PushReplies = {
	acknowledgement: () => ({ code: 0 }),
	refusal: ({ status, message }) => ({ code: status, message }),
};

export class IcsocAutocallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'icsoc Autocall Trigger',
		name: 'icsocAutocallTrigger',
		icon: { light: 'file:icsocAutocall.svg', dark: 'file:icsocAutocall.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when icsoc Autocall pushes a call detail record or a pre-call notice',
		subtitle: 'CDR and pre-call pushes',
		defaults: { name: 'icsoc Autocall Trigger' },
		eventTriggerDescription: 'Waiting for icsoc to push to the Test URL',
		activationMessage:
			'icsoc pushes to the Production URL now run this workflow. Check that the icsoc console has it as push URL, with the credential\'s Secret as push secret.',
		triggerPanel: {
			header: 'Set this node\'s URL as the push URL in the icsoc console',
			executionsHelp: {
				inactive:
					'<b>To test:</b> click \'Execute step\', then in the icsoc console set the push URL of the CDR push (event type 1) or pre-call push (type 2) to this node\'s <b>Test URL</b> (Webhook URLs, Test URL), with the credential\'s Secret as push secret: icsoc\'s next push shows up here.<br /><br /><b>To go live:</b> set the push URL to the <b>Production URL</b> instead and publish the workflow. Every push then runs it; those runs show in the executions list, not here. Pushes with a wrong signature get HTTP 401 and start nothing.',
				active:
					'<b>To test:</b> click \'Execute step\', then point icsoc\'s push URL at this node\'s <b>Test URL</b>: icsoc\'s next push shows up here (point it back at the Production URL afterwards).<br /><br /><b>The workflow is published:</b> every push icsoc sends to the <b>Production URL</b> runs it; those runs show in the <a data-key="executions">executions list</a>, not here. Pushes with a wrong signature get HTTP 401 and start nothing.',
			},
			activationHint: {
				inactive:
					'Then in the icsoc console set the push URL (CDR push, event type 1; pre-call push, type 2) to the Production URL (Webhook URLs), and publish the workflow.',
				active: 'Pushes icsoc sends to the Production URL run this workflow (those runs show under Executions, not here).',
			},
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Tested here, without contacting icsoc (see pushSecretTest.ts).
		credentials: [{ name: 'icsocAutocallPushApi', required: true, testedBy: 'icsocPushSecretTest' }],
		// One POST route; the reply follows "Respond" (see nodes/shared/pushWebhook.ts).
		// With Pre-Call Reply "From Workflow", n8n waits for every run (see preCall/replyTiming.ts).
		webhooks: [pushWebhookDescription('icsoc-autocall', { waitForLastNodeWhen: '$parameter["preCallReply"] === "fromWorkflow"' })],
		properties: [
			{
				displayName:
					'In the icsoc console, set the push URL to the Production URL (Webhook URLs) and the push secret to the credential\'s Secret.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			responseModeProperty({
				vendor: 'icsoc',
				acknowledgement: '{"code":0}',
				onFailure:
					'icsoc treats any other answer as a failure and sends the push again after 15 s, 15 s, 30 s, 3 min, 30 min … (up to 9 times), then gives up.',
				onEmptyReply:
					'icsoc treats an answer other than {"code":0} as a failure, so it sends every push again up to 9 times (after 15 s, 15 s, 30 s, 3 min, 30 min …) even after a successful run: each push runs the workflow up to 10 times. (Pre-call pushes, type 2, are answered as Pre-Call Reply says.) Where the workflow can end with {"code":0}, When Last Node Finishes costs no resends.',
				deduplicate: 'Remove Duplicates on data.call_id',
			}),
			{
				displayName:
					'End with a node whose first item is exactly <code>{"code":0}</code> (e.g. Edit Fields), or icsoc pushes again, up to 9 times.',
				name: 'lastNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			{
				displayName: 'Push Types',
				name: 'pushTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Call Detail Record (Type 1)', value: '1' },
					{ name: 'Pre-Call Notice (Type 2)', value: '2' },
				],
				default: ['1', '2'],
				description:
					'Pushes of a type not chosen are answered {"code":0} and start nothing; a push of an unknown type is refused (HTTP 400)',
			},
			{
				displayName: 'Pre-Call Reply',
				name: 'preCallReply',
				type: 'options',
				options: [
					{
						name: 'Dial All Records',
						value: 'dialAll',
						description:
							'Pre-call pushes (type 2) are answered {"code":0} at once, whatever Respond says: icsoc dials every record without waiting, and the workflow only sees them',
					},
					{
						name: 'From Workflow',
						value: 'fromWorkflow',
						description:
							'Pre-call pushes are answered after the run with the last node\'s first item: end the workflow with icsoc Autocall → Build Pre-Call Reply, whose reply rejects records or sets their caller numbers. If the run fails, n8n answers HTTP 500 {"message":"Error in workflow"}, which carries no decision: icsoc dials every record (fail open). CDR pushes still follow Respond, except that When Workflow Succeeds answers them with the last node\'s first item instead of an empty body.',
					},
				],
				default: 'dialAll',
				description: 'How a pre-call push (type 2) is answered; Respond decides for CDR pushes (type 1)',
			},
			{
				displayName:
					'End with icsoc Autocall → Build Pre-Call Reply and keep the run short: icsoc holds the calls until it has the reply.',
				name: 'preCallNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { preCallReply: ['fromWorkflow'] } },
			},
			{
				displayName: 'Decode Codes and Dates',
				name: 'decodeValues',
				type: 'boolean',
				default: true,
				description:
					'Whether to add callresultLabel, endresultLabel and ISO 8601 twins of time fields to the pushed data, keeping the raw values',
			},
			{
				...addCallRecordProperty(),
				description:
					'Whether to add call to CDR pushes (type 1): one record of the call in the same shape for every vendor (outcome, ISO 8601 times, seconds, dedupeKey), beside the pushed fields, which stay as they are',
			},
		],
	};

	methods = {
		credentialTest: { icsocPushSecretTest },
	};

	// icsoc's push URL is set in its console, so there is nothing to register here.
	webhookMethods = { default: URL_SET_BY_USER };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerPush(this, ICSOC_REPLIES, async ({ rawBody }) => {
			const credentials = await this.getCredentials('icsocAutocallPushApi');
			const secret = typeof credentials.secret === 'string' ? credentials.secret : '';
			if (secret === '') return reject(401, 'No push secret is set in the n8n credential');

			const checked = checkPush(rawBody.toString('utf8'), secret);
			if ('rejection' in checked) return checked;
			const push = checked.push;

			// verifyPush accepted only type 1 or 2.
			const type = icsocPushType(push.type) ?? '';
			const wanted = this.getNodeParameter('pushTypes', ['1', '2']) as string[];
			if (!wanted.includes(type)) return { ignore: true };
			const reply = icsocReplyTiming(
				type,
				readPreCallReplyMode(this.getNodeParameter('preCallReply', 'dialAll')),
				readResponseMode(this.getNodeParameter('responseMode', 'onReceived')),
			);

			const decode = this.getNodeParameter('decodeValues', true) as boolean;
			const json: IDataObject = {
				type: push.type as IDataObject[keyof IDataObject],
				typeLabel: describeCode(PUSH_TYPE, type) ?? 'unknown',
			};
			if (push.timestamp !== undefined) {
				json.timestamp = push.timestamp as IDataObject[keyof IDataObject];
				// Push timestamps are wall-clock text ("Y-m-d H:i:s") of icsoc's zone, as the CDR's times are;
				// null when not one, so every push has the same fields (n8n's table builds its columns from them).
				json.timestampIso = wallClockToZonedIso(push.timestamp, ICSOC_TIME_ZONE) ?? null;
			}
			json.encrypted = push.encrypted;
			json.data = (decode ? decodeIcsocRecord(push.data) : push.data) as IDataObject;
			// The same value for every resend of the push: the call's key for a CDR, else the signature of the data.
			const call = type === '1' && isRecord(push.data) ? icsocCallRecord(push.data) : undefined;
			json.dedupeKey = call?.dedupeKey ?? `icsoc:push:${type}:${push.sign}`;
			if (call && (this.getNodeParameter('addCallRecord', true) as boolean)) json.call = call as unknown as IDataObject;
			return reply === undefined ? { items: [json] } : { items: [json], reply };
		});
	}
}

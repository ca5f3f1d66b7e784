/**
 * Pre-Call Reply → Build Pre-Call Reply: gathers the decisions of all input items into the one
 * item n8n sends back to icsoc when the icsoc Autocall Trigger's Pre-Call Reply is "From
 * Workflow" (n8n answers with the last node's first item). No request is sent and no
 * credential is used. The reply's shape is in replyBuilder.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { errorItem, invalidParameter } from '../../shared/errors';
import { buildPreCallReply, readDecision, type PreCallDecision } from './replyBuilder';

const showFor = { resource: ['preCall'], operation: ['reply'] };

export const replyProperties: INodeProperties[] = [
	{
		displayName:
			'Use last after the icsoc Autocall Trigger (Pre-Call Reply: From Workflow). Items: <code>project_id</code>, <code>task_id</code>, <code>reject</code> or <code>caller</code>.',
		name: 'preCallNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor },
	},
];

/** What a refused item costs, said in every refusal. */
const REFUSAL_HINT =
	'Without "On Error: Continue" this node fails, the workflow fails and icsoc dials every record of the push as planned (a failed workflow is answered with HTTP 500, which carries no decision). With "On Error: Continue" the item is left out of the reply and the other decisions are still sent.';

export async function reply(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const decisions: PreCallDecision[] = [];
	const refused: Array<{ itemIndex: number; problem: string }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const read = readDecision(items[itemIndex].json, itemIndex);
		if ('problem' in read) refused.push({ itemIndex, problem: read.problem });
		else if (read.decision) decisions.push(read.decision);
	}
	const { reply: built, conflicts } = buildPreCallReply(decisions);
	refused.push(...conflicts);
	refused.sort((a, b) => a.itemIndex - b.itemIndex);

	const errors: INodeExecutionData[] = [];
	for (const { itemIndex, problem } of refused) {
		const error = invalidParameter(node, itemIndex, `The pre-call decision of item ${itemIndex + 1} was not used: ${problem}`, REFUSAL_HINT);
		if (!continueOnFail) throw error;
		errors.push(errorItem(error, itemIndex));
	}
	// The reply first: n8n sends the last node's first item to icsoc.
	return [{ json: built as unknown as IDataObject, pairedItem: items.map((_, item) => ({ item })) }, ...errors];
}

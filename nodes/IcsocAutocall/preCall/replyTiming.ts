/**
 * When the icsoc Autocall Trigger answers a verified push, from its type and the trigger's
 * Pre-Call Reply and Respond settings. Pure.
 *
 * - Pre-call pushes (type 2) follow Pre-Call Reply alone. Dial All: `{"code":0}` at once, so
 *   icsoc dials every record without waiting for the run. From Workflow: after the run, with the
 *   last node's first item (the Build Pre-Call Reply output); HTTP 500 when the run fails,
 *   which carries no decision, so icsoc dials every record.
 * - CDR pushes (type 1) follow Respond, as without pre-call decisions. With From Workflow, n8n
 *   is told to wait for every run (its response mode is fixed before the push is read), so
 *   Immediately is answered by the trigger itself, and When Workflow Succeeds answers with the
 *   last node's first item after the run instead of an empty body.
 */
import type { PushReplyTiming, PushResponseMode } from '../../shared/pushWebhook';

export type PreCallReplyMode = 'dialAll' | 'fromWorkflow';

/** `value` as a Pre-Call Reply mode; anything unknown is the default, 'dialAll'. */
export function readPreCallReplyMode(value: unknown): PreCallReplyMode {
	return value === 'fromWorkflow' ? 'fromWorkflow' : 'dialAll';
}

/**
 * The reply timing of a verified push of `type` ('1' or '2'): undefined = as `responseMode`
 * says with n8n's usual handling (pushWebhook.ts), else 'now' or 'afterRun'.
 */
export function icsocReplyTiming(type: string, preCallReply: PreCallReplyMode, responseMode: PushResponseMode): PushReplyTiming | undefined {
	if (type === '2') {
		if (preCallReply === 'fromWorkflow') return 'afterRun';
		return responseMode === 'onReceived' ? undefined : 'now';
	}
	if (preCallReply === 'fromWorkflow') return responseMode === 'onReceived' ? 'now' : 'afterRun';
	return undefined;
}

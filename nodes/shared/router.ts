import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** An operation's execute: gets every input item, returns the output items. */
export type OperationHandler = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

export type OperationTable = Readonly<Record<string, Readonly<Record<string, OperationHandler>>>>;

/** Runs the handler for the node's resource and operation. */
export async function routeOperation(
	context: IExecuteFunctions,
	operations: OperationTable,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported by this version of the node`,
		);
	}
	return [await handler.call(context)];
}

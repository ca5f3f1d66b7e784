/**
 * What the editor shows of the package's parameters (issue 12, items 7 and 8), read from the
 * descriptions n8n loads: filters that choose nothing for the user, the Platform Time Zone
 * picker, placeholders on every ID and URL field, short notices, and the triggers' panel texts.
 * test/e2e/editor.e2e.test.ts checks the same in a real browser.
 */
import type { ICredentialType, INodeProperties, INodePropertyOptions, INodeType, TriggerPanelDefinition } from 'n8n-workflow';

import { ANY_VALUE } from '../../nodes/shared/properties';
import { IANA_TIME_ZONES } from '../../nodes/shared/timeZones';
import { isValidTimeZone } from '../../nodes/IcsocAutocall/fields';
import { listedFiles, loadListed } from '../harness/packageTypes';

const nodes = listedFiles()
	.filter(([kind]) => kind === 'node')
	.map(([kind, file]) => loadListed(kind, file) as INodeType);
const credentials = listedFiles()
	.filter(([kind]) => kind === 'credential')
	.map(([kind, file]) => loadListed(kind, file) as ICredentialType);

/** Every property of a list, with the properties inside its collections, named by path. */
function flatten(properties: INodeProperties[], prefix: string): Array<[string, INodeProperties]> {
	const out: Array<[string, INodeProperties]> = [];
	for (const property of properties) {
		const path = `${prefix} > ${property.displayName}`;
		out.push([path, property]);
		if (property.type === 'collection' || property.type === 'fixedCollection') {
			for (const option of (property.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>) {
				if (option.values) out.push(...flatten(option.values, path));
				else if ('type' in option) out.push(...flatten([option], path));
			}
		}
	}
	return out;
}

const everyProperty: Array<[string, INodeProperties]> = [
	...nodes.flatMap((node) => flatten(node.description.properties, node.description.displayName)),
	...credentials.flatMap((credential) => flatten(credential.properties, credential.displayName)),
];

/** A notice's text as the editor renders it: tags dropped, entities read. */
function renderedText(html: string): string {
	return html
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

describe('filters choose nothing until the user does', () => {
	const filterOptions = everyProperty.filter(
		([path, property]) => /> Filters > /.test(path) && (property.type === 'options' || property.type === 'multiOptions'),
	);

	test('there are options filters to check', () => {
		expect(filterOptions.map(([path]) => path)).toEqual(
			expect.arrayContaining(['icsoc Autocall > Filters > Call Result', 'icsoc Autocall > Filters > End Result']),
		);
	});

	test.each(filterOptions)('%s: its default sends no filter (Any, All, or nothing chosen)', (_, property) => {
		if (property.type === 'multiOptions') {
			expect(property.default).toEqual([]);
			return;
		}
		const chosen = (property.options as INodePropertyOptions[]).find((option) => option.value === property.default);
		// n8n's lint requires the default to be one of the options.
		expect(chosen).toBeDefined();
		expect(['Any', 'All']).toContain(chosen!.name);
	});

	test('icsoc\'s filters offer "Any" first, as the default', () => {
		for (const [path, property] of filterOptions.filter(([p]) => p.startsWith('icsoc Autocall'))) {
			const first = (property.options as INodePropertyOptions[])[0];
			expect([path, first.name, first.value, property.default]).toEqual([path, 'Any', ANY_VALUE, ANY_VALUE]);
		}
	});
});

describe('Platform Time Zone is a picker of IANA zones', () => {
	const pickers = everyProperty.filter(([, property]) => property.name === 'icsocTimeZone');

	test('offered by Search CDR and Task Data > Get Many', () => {
		expect(pickers).toHaveLength(2);
	});

	test.each(pickers)('%s', (_, property) => {
		expect(property.type).toBe('options');
		// The stored value keeps its format: the IANA name, Asia/Shanghai unless changed.
		expect(property.default).toBe('Asia/Shanghai');
		const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
		expect(values).toEqual([...IANA_TIME_ZONES]);
		expect(values).toEqual(expect.arrayContaining(['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'UTC']));
		expect((property.options as INodePropertyOptions[]).find((option) => option.value === 'Asia/Shanghai')?.name).toMatch(/^Asia\/Shanghai \(China Standard Time/);
	});

	test('every zone offered is sorted, unique and known to this runtime', () => {
		expect([...IANA_TIME_ZONES].sort()).toEqual([...IANA_TIME_ZONES]);
		expect(new Set(IANA_TIME_ZONES).size).toBe(IANA_TIME_ZONES.length);
		expect(IANA_TIME_ZONES.length).toBeGreaterThan(400);
		expect(IANA_TIME_ZONES.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
	});
});

describe('placeholders: every field asking for an ID or a URL shows an example', () => {
	const asksForIdOrUrl = everyProperty.filter(
		([, property]) =>
			property.type === 'string' &&
			!property.typeOptions?.password &&
			/\b(ID|IDs|URL|UUID)\b/.test(property.displayName),
	);

	test('the fields the issue names are among them', () => {
		const paths = asksForIdOrUrl.map(([path]) => path);
		for (const expected of [
			'icsoc Autocall > Filters > Call ID',
			'icsoc Autocall > Filters > Project ID',
			'icsoc Autocall > Filters > Task ID',
			'Huawei CC-iSales > Call ID',
			'Huawei CC-iSales > Campaign ID',
			'NXCloud Callbot > Order IDs',
			'NXCloud Callbot > Order Callback URL',
			'NXCloud Callbot > Call Callback URL',
			'Huawei CC-iSales > Result Push URL',
			'NXCloud Callbot API > Base URL',
			'Icsoc Autocall API > Token URL',
			'Huawei CC-iSales API > Base URL',
		]) {
			expect(paths).toContain(expected);
		}
	});

	test.each(asksForIdOrUrl)('%s', (_, property) => {
		// One style everywhere: "e.g. " and a realistic value, as n8n's own nodes write them.
		expect(property.placeholder).toMatch(/^e\.g\. \S/);
		if (/URL/.test(property.displayName)) expect(property.placeholder).toMatch(/^e\.g\. https:\/\/\S+$/);
	});

	test('every placeholder of a value (not an "Add …" button) is written "e.g. …"', () => {
		const others = everyProperty.filter(
			([, property]) => typeof property.placeholder === 'string' && !/^Add /.test(property.placeholder) && !/^e\.g\. /.test(property.placeholder),
		);
		expect(others.map(([path, property]) => `${path}: ${property.placeholder}`)).toEqual([]);
	});
});

describe('phone number tooltips say what is sent', () => {
	const byPath = new Map(everyProperty);

	test('NXCloud Phone Number: symbols are removed, as the README says', () => {
		expect(byPath.get('NXCloud Callbot > Phone Number')?.description).toMatch(/Spaces, \+, - and brackets are removed before sending/);
	});

	test('iSales Called Number: 0-9, * and # only, a + is refused, as the README says', () => {
		expect(byPath.get('Huawei CC-iSales > Called Number')?.description).toMatch(/0-9, \* and #\. A number with \+, spaces or dashes is refused before sending/);
	});
});

describe('notices are short: one or two lines in the editor', () => {
	const notices = everyProperty.filter(([, property]) => property.type === 'notice');

	test('there are notices to check', () => {
		expect(notices.length).toBeGreaterThanOrEqual(10);
	});

	// About 65 characters make a line of the node panel at its usual width (measured in n8n
	// 2.8.4); the details are in tooltips, the trigger panel and the README.
	test.each(notices)('%s', (_, property) => {
		expect(renderedText(property.displayName).length).toBeLessThanOrEqual(125);
	});
});

describe('triggers tell the user what to paste where', () => {
	const triggers = nodes.filter((node) => node.description.group.includes('trigger'));

	test.each(triggers.map((node) => [node.description.displayName, node] as const))('%s', (_, node) => {
		const { activationMessage, eventTriggerDescription } = node.description;
		const panel = node.description.triggerPanel as TriggerPanelDefinition;
		expect(typeof panel).toBe('object');
		expect(panel.header).toBeTruthy();
		for (const text of [panel.executionsHelp, panel.activationHint]) {
			expect(text).toEqual({ inactive: expect.any(String), active: expect.any(String) });
		}
		const help = panel.executionsHelp as { inactive: string; active: string };
		// Which URL when: the Test URL while building, the Production URL once published.
		for (const text of [help.inactive, help.active]) {
			expect(text).toMatch(/Test URL/);
			expect(text).toMatch(/Production URL/);
			expect(text).toMatch(/executions list/);
		}
		expect(help.active).toMatch(/<a data-key="executions">executions list<\/a>/);
		expect((panel.activationHint as { inactive: string }).inactive).toMatch(/Production URL/);
		expect(activationMessage).toMatch(/Production URL/);
		expect(eventTriggerDescription).toMatch(/Test URL/);
	});

	test('Huawei: the URL carries ?token=; icsoc: the push URL and secret in its console; NXCloud: the callback URLs of Add Calls', () => {
		const panel = (name: string) => {
			const node = triggers.find((trigger) => trigger.description.name === name)!;
			const { header, executionsHelp, activationHint } = node.description.triggerPanel as TriggerPanelDefinition;
			return JSON.stringify({ header, executionsHelp, activationHint, activationMessage: node.description.activationMessage });
		};
		expect(panel('huaweiIsalesTrigger')).toMatch(/\?token=/);
		expect(panel('huaweiIsalesTrigger')).toMatch(/Result Push URL/);
		expect(panel('icsocAutocallTrigger')).toMatch(/icsoc console/);
		expect(panel('icsocAutocallTrigger')).toMatch(/push secret/);
		expect(panel('nxCloudCallbotTrigger')).toMatch(/Order Callback URL and Call Callback URL/);
	});
});

/**
 * The editor as a first-time user meets it, in a real browser: Debian's Chromium (installed here
 * with apt-get when missing) driven by playwright-core, against the `npm start` sandbox (a real
 * n8n 2.8.4 with the packed package, the vendor emulators, their credentials and the example
 * workflows). It creates the owner account through the setup page, searches the node panel,
 * opens every node of the package from it, opens every credential and runs its Test with the
 * stored (right) values and with a wrong one, executes an example and reads its result, and
 * checks the texts a user reads: filters added without a value chosen, the time zone picker,
 * placeholders, notices of at most two lines, and each trigger's panel and activation texts. Screenshots of each step go to test-output/editor/ (git-ignored).
 *
 * Every wait is for a selector or a text, each bounded (STEP_MS); no sleeps.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { INodeProperties, INodeType, TriggerPanelDefinition } from 'n8n-workflow';

import { listedFiles, loadListed } from '../harness/packageTypes';
import { sandboxOwner } from './n8nRest';
import { repoRoot } from './realN8n';
import { createSandbox, demoData, sandboxAccounts, type Sandbox } from './sandbox';

jest.setTimeout(20 * 60 * 1000);

const CHROMIUM = '/usr/bin/chromium';
/** The longest any one wait may take: a step that needs more has failed. */
const STEP_MS = 30_000;
const OUTPUT = path.join(repoRoot, 'test-output/editor');

/**
 * Debian's Chromium at /usr/bin/chromium, installed with apt-get when missing (as root, no
 * prompt; the package lists are refreshed first when the install alone fails).
 */
function ensureChromium(): string {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const aptGet = (...args: string[]) =>
		spawnSync('apt-get', args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 10 * 60 * 1000 });
	let install = aptGet('install', '-y', 'chromium');
	if (install.status !== 0) {
		aptGet('update');
		install = aptGet('install', '-y', 'chromium');
	}
	if (install.status !== 0 || !existsSync(CHROMIUM)) {
		throw new Error(`apt-get install -y chromium failed (run as root with Debian's package lists reachable):\n${install.stderr ?? ''}`.slice(0, 3000));
	}
	return CHROMIUM;
}

let sandbox: Sandbox;
let context: BrowserContext;
let page: Page;
let profile: string;
let baseUrl: string;
let shot = 0;
const timings: Array<[string, number]> = [];
/** What the node panel listed as each vendor's actions and triggers (checked in the text tests). */
const panelEntries: string[] = [];

async function screenshot(name: string): Promise<void> {
	await page.screenshot({ path: path.join(OUTPUT, `${String(++shot).padStart(2, '0')}-${name}.png`) });
}

/** Runs a step, recording how long it took. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await step();
	} catch (error) {
		// What the page showed when the step failed.
		await screenshot(`failed-${label.replace(/\W+/g, '-')}`).catch(() => undefined);
		throw error;
	} finally {
		timings.push([label, Date.now() - started]);
	}
}

/** The package's node types, as n8n loads them from package.json. */
const packageNodes = listedFiles()
	.filter(([kind]) => kind === 'node')
	.map(([kind, file]) => loadListed(kind, file) as INodeType);

/** The vendors' names in the node panel: the display names of the package's action nodes. */
const vendors = packageNodes.filter((node) => !node.description.group.includes('trigger')).map((node) => node.description.displayName);

const creatorItem = (name: string | RegExp): Locator =>
	page.locator('[data-test-id=node-creator-item-name]', { hasText: typeof name === 'string' ? new RegExp(`^${escape(name)}$`) : name });

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The panel on top of the node creator's stack (a vendor's actions and triggers once one is chosen). */
const vendorPanel = (): Locator => page.locator('[data-test-id=node-creator] aside').last();

async function openNodePanel(search: string): Promise<void> {
	await page.locator('[data-test-id=node-creator-plus-button]').click({ timeout: STEP_MS });
	const searchBar = page.locator('[data-test-id=node-creator-search-bar]');
	await searchBar.waitFor({ timeout: STEP_MS });
	await searchBar.fill(search);
}

/** Closes the node details view if one is open (a failed step may leave one). */
async function ensureNodeDetailsClosed(): Promise<void> {
	if (await page.locator('[data-test-id=ndv]').isVisible()) await closeNodeDetails();
	await page.keyboard.press('Escape');
}

async function closeNodeDetails(): Promise<void> {
	await page.locator('[data-test-id=ndv-close-button]').click({ timeout: STEP_MS });
	await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden', timeout: STEP_MS });
}

beforeAll(async () => {
	const executablePath = await timed('install or find Chromium', async () => ensureChromium());
	rmSync(OUTPUT, { recursive: true, force: true });
	mkdirSync(OUTPUT, { recursive: true });
	sandbox = await timed('start the sandbox (build, pack, emulators, n8n)', async () => {
		const started = await createSandbox();
		await started.startN8n();
		return started;
	});
	baseUrl = `http://127.0.0.1:${sandbox.n8n.port}`;
	profile = mkdtempSync(path.join(tmpdir(), 'cc-chromium-'));
	context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	context.setDefaultTimeout(STEP_MS);
	page = context.pages()[0] ?? (await context.newPage());
	// Leaving an unsaved workflow asks "leave this page?": yes.
	page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
	console.log(`Editor test steps (ms):\n${timings.map(([label, ms]) => `  ${label}: ${ms}`).join('\n')}\nScreenshots: ${OUTPUT}`);
	await context?.close();
	if (profile) rmSync(profile, { recursive: true, force: true });
	await sandbox?.stop();
	if (sandbox) rmSync(sandbox.n8n.userFolder, { recursive: true, force: true });
});

test('the owner account is created through the setup page', async () => {
	await timed('owner account', async () => {
		await page.goto(`${baseUrl}/`);
		await page.waitForURL(/\/setup/, { timeout: STEP_MS });
		await page.locator('input[name=email]').fill(sandboxOwner.email);
		await page.locator('input[name=firstName]').fill(sandboxOwner.firstName);
		await page.locator('input[name=lastName]').fill(sandboxOwner.lastName);
		await page.locator('input[name=password]').fill(sandboxOwner.password);
		await screenshot('owner-setup');
		await page.locator('[data-test-id=form-submit-button]').click();
		await page.waitForURL(/\/home\/workflows/, { timeout: STEP_MS });
		// The examples the sandbox imported are listed.
		await page.locator('[data-test-id=workflow-card-name]', { hasText: 'Example: daily call report' }).waitFor();
		await screenshot('overview');
	});
});

test.each([
	['NXCloud', ['NXCloud Callbot']],
	['icsoc', ['icsoc Autocall']],
	['Huawei', ['Huawei CC-iSales']],
	['call', ['NXCloud Callbot', 'icsoc Autocall', 'Huawei CC-iSales']],
])('the node panel finds the nodes when searching "%s"', async (search, expected) => {
	await timed(`node panel search "${search}"`, async () => {
		if (!/\/workflow\/new/.test(page.url())) await page.goto(`${baseUrl}/workflow/new`);
		else await page.keyboard.press('Escape');
		await openNodePanel(search);
		for (const name of expected) await creatorItem(name).first().waitFor();
		await screenshot(`node-panel-${search}`);
		await page.keyboard.press('Escape');
	});
});

describe('every node of the package opens from the node panel', () => {
	beforeAll(async () => {
		await page.goto(`${baseUrl}/workflow/new`);
		await page.locator('[data-test-id=node-creator-plus-button]').click();
		await creatorItem('Trigger manually').click();
		await page.locator('[data-test-id=canvas-node]').first().waitFor();
	});

	test.each(vendors)('%s: its actions are listed, the first opens with the sandbox credential selected', async (vendor) => {
		await timed(`open ${vendor} from the panel`, async () => {
			await ensureNodeDetailsClosed();
			await openNodePanel(vendor);
			await creatorItem(vendor).first().click();
			// The vendor's own panel: its actions, grouped by resource.
			await vendorPanel().getByText(/^Actions \(\d+\)/).waitFor();
			const actions = vendorPanel().locator('[data-test-id=item-iterator-item] [data-test-id=node-creator-item-name]').filter({ visible: true });
			await actions.first().waitFor();
			const names = (await actions.allInnerTexts()).map((name) => name.trim()).filter(Boolean);
			panelEntries.push(...names.map((name) => `${vendor}: ${name}`));
			expect(names.length).toBeGreaterThan(0);
			await screenshot(`actions-${vendor}`);
			await actions.first().click();
			const details = page.locator('[data-test-id=ndv]');
			await details.waitFor();
			await details.getByText('Credential to connect with').waitFor();
			const credential = page.locator('[data-test-id=node-credentials-select] input');
			await credential.waitFor();
			expect(await credential.inputValue()).toMatch(/\(emulator\)$/);
			await screenshot(`node-${vendor}`);
			await closeNodeDetails();
		});
	});

	test.each(vendors)('%s: each of its trigger entries opens its trigger', async (vendor) => {
		await timed(`open the ${vendor} triggers`, async () => {
			const triggers = packageNodes.filter(
				(node) => node.description.group.includes('trigger') && node.description.displayName.startsWith(vendor),
			);
			const title = new RegExp(triggers.map((trigger) => escape(trigger.description.displayName)).join('|'));
			// In a workflow without a trigger the panel offers the vendor's triggers first (one
			// entry per trigger, or per event a trigger offers).
			const showTriggers = async () => {
				await page.goto(`${baseUrl}/workflow/new`);
				await openNodePanel(vendor);
				await creatorItem(vendor).first().click();
				await vendorPanel().getByText(/^Triggers \(\d+\)/).waitFor();
				const entries = vendorPanel().locator('[data-test-id=item-iterator-item] [data-test-id=node-creator-item-name]').filter({ visible: true });
				await entries.first().waitFor();
				return entries;
			};
			const names = (await (await showTriggers()).allInnerTexts()).map((name) => name.trim());
			expect(names.length).toBeGreaterThanOrEqual(triggers.length);
			panelEntries.push(...names.map((name) => `${vendor} trigger: ${name}`));
			await screenshot(`triggers-${vendor}`);
			for (const [index, name] of names.entries()) {
				if (index > 0) await showTriggers();
				await creatorItem(name).first().click();
				const details = page.locator('[data-test-id=ndv]');
				await details.waitFor();
				await details.locator('[data-test-id=node-title-container]', { hasText: title }).waitFor();
				await details.getByText('Credential to connect with').waitFor();
				await screenshot(`trigger-${vendor}-${index + 1}`);
				await closeNodeDetails();
			}
		});
	});
});

/** Each sandbox credential, a wrong value to type into it, and what its Test must then say. */
const credentialCases: Array<{ name: string; field: string; right: string; wrong: string; says: RegExp }> = [
	{
		name: 'NXCloud (emulator)',
		field: 'secretKey',
		right: sandboxAccounts.nxCloud.secretKey,
		wrong: 'not-the-secret-key',
		says: /^NXCloud refused the signature \(retCode 6\): the UUID exists, so check "Secret Key" and "Signature Algorithm"/,
	},
	{
		name: 'icsoc Autocall (emulator)',
		field: 'password',
		right: sandboxAccounts.icsoc.password,
		wrong: 'not-the-password',
		says: /^Could not get an icsoc access token: icsoc refused the token request \(HTTP 400, invalid_grant\); the Username or Password is wrong/,
	},
	{
		name: 'icsoc push (emulator)',
		field: 'secret',
		right: sandboxAccounts.icsocPushSecret,
		wrong: 'x'.repeat(33),
		says: /^Secret is 33 bytes long; an icsoc push secret is at most 32/,
	},
	{
		name: 'Huawei CC-iSales (emulator)',
		field: 'secretKey',
		right: sandboxAccounts.isales.secretKey,
		wrong: 'not-the-secret-key',
		says: /^iSales refused the signature \(HTTP 401\): check "Access Key \(AK\)" and "Secret Key \(SK\)", and that the clock of the n8n server is right/,
	},
];

describe('every credential: Test with the stored values and with a wrong one', () => {
	const modal = () => page.locator('[data-test-id=editCredential-modal]');
	const success = () => modal().locator('[data-test-id=credentials-config-container-test-success]');
	const failure = () => modal().getByText('Couldn’t connect with these settings');

	async function openCredential(name: string): Promise<void> {
		await page.goto(`${baseUrl}/home/credentials`);
		await page.locator('[data-test-id=resources-list-item]', { hasText: name }).first().click();
		await modal().waitFor();
	}

	async function saveAndWaitFor(result: Locator): Promise<void> {
		await modal().locator('[data-test-id=credential-save-button]').click();
		await result.waitFor();
	}

	test('every credential card opens, and n8n tests it on opening: it passes', async () => {
		await timed('open every credential', async () => {
			await page.goto(`${baseUrl}/home/credentials`);
			const cards = page.locator('[data-test-id=resources-list-item]');
			await cards.first().waitFor();
			const names = (await cards.locator('[data-test-id=card-content]').allInnerTexts()).map((text) => text.split('\n')[0].trim());
			expect(names).toEqual(expect.arrayContaining(credentialCases.map((c) => c.name)));
			for (const name of names) {
				await openCredential(name);
				await success().waitFor();
				await screenshot(`credential-${name.replace(/\W+/g, '-')}`);
				await page.keyboard.press('Escape');
				await modal().waitFor({ state: 'hidden' });
			}
		});
	});

	test.each(credentialCases)('$name: a wrong $field fails with a message naming it, the right one passes again', async ({ name, field, right, wrong, says }) => {
		await timed(`test ${name} wrong and right`, async () => {
			await openCredential(name);
			await success().waitFor();
			const input = modal().locator(`[data-test-id=parameter-input-${field}] input`);
			await input.fill(wrong);
			await saveAndWaitFor(failure());
			await modal().getByText('More details').click();
			const message = modal().getByText(says);
			await message.waitFor();
			expect(await message.innerText()).not.toContain(right);
			await screenshot(`credential-wrong-${field}-${name.replace(/\W+/g, '-')}`);
			await input.fill(right);
			await saveAndWaitFor(success());
			await page.keyboard.press('Escape');
			await modal().waitFor({ state: 'hidden' });
		});
	});

	test('the forms say how each Test checks the values', async () => {
		await openCredential('icsoc Autocall (emulator)');
		await modal().getByText(/^Test \(also run when this credential is opened\) asks icsoc for a new token: one of the 128 a day/).waitFor();
		await page.keyboard.press('Escape');
		await openCredential('icsoc push (emulator)');
		await modal().getByText(/^Test checks the secret here, without contacting icsoc.*the trigger checks it on every push/).waitFor();
		await page.keyboard.press('Escape');
		await openCredential('NXCloud (emulator)');
		await modal().getByText(/^Test sends NXCloud a ping signed with these values/).waitFor();
		await page.keyboard.press('Escape');
	});
});

/** The description of the package's node named `name` ("icsocAutocall"). */
function nodeDescription(name: string) {
	return packageNodes.find((node) => node.description.name === name)!.description;
}

/** A property of a node's description by name, looking inside its collections too. */
function describedProperty(nodeName: string, name: string, shownFor?: { resource: string; operation: string }): INodeProperties {
	const all: INodeProperties[] = [];
	for (const property of nodeDescription(nodeName).properties) {
		const show = property.displayOptions?.show;
		if (shownFor && show && !((show.resource ?? [shownFor.resource]) as string[]).includes(shownFor.resource)) continue;
		if (shownFor && show && !((show.operation ?? [shownFor.operation]) as string[]).includes(shownFor.operation)) continue;
		all.push(property);
		if (property.type === 'collection') all.push(...((property.options ?? []) as INodeProperties[]));
	}
	const found = all.find((property) => property.name === name);
	if (!found) throw new Error(`${nodeName} has no property ${name}`);
	return found;
}

/** The text n8n renders from a description's HTML (tags dropped, entities read). */
function rendered(html: string): string {
	return html
		.replace(/<br \/>/g, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** Opens a new workflow with a manual trigger, then the vendor's action named `action` from the node panel. */
async function addAction(vendor: string, action: string): Promise<Locator> {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.locator('[data-test-id=node-creator-plus-button]').click();
	await creatorItem('Trigger manually').click();
	await page.locator('[data-test-id=canvas-node]').first().waitFor();
	await openNodePanel(vendor);
	await creatorItem(vendor).first().click();
	await vendorPanel().locator('[data-test-id=node-creator-item-name]', { hasText: new RegExp(`^${escape(action)}$`) }).first().click();
	const details = page.locator('[data-test-id=ndv]');
	await details.getByText('Credential to connect with').waitFor();
	return details;
}

/** Adds the option named `label` of a collection with several ("Add Filter"): the dropdown, then the option. */
async function addCollectionOption(details: Locator, button: string, label: string): Promise<void> {
	await details.locator('[data-test-id=collection-parameter-add]', { has: page.locator(`input[placeholder="${button}"]`) }).click();
	await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${escape(label)}$`) }).click();
}

/** The placeholder a parameter's input shows (it must be visible). */
async function shownPlaceholder(details: Locator, name: string): Promise<string | null> {
	const input = details.locator(`[data-test-id=parameter-input-${name}]`).locator('input, textarea').first();
	await input.waitFor();
	expect(await input.inputValue()).toBe('');
	return await input.getAttribute('placeholder');
}

/** How many lines a text takes on screen: the line boxes of its element (n8n renders a notice in a span). */
async function shownLines(text: Locator): Promise<number> {
	return await text.evaluate((element) => new Set(Array.from(element.getClientRects(), (rect: { top: number }) => Math.round(rect.top))).size);
}

// Issue 12, items 7 and 8, as a user met them in n8n 2.8.4.
describe('what a user sees while setting the nodes up', () => {
	test('icsoc Search CDR: Call Result and End Result are added as "Any", which sends nothing; Platform Time Zone is a picker of IANA zones', async () => {
		await timed('icsoc filters and time zone picker', async () => {
			const details = await addAction('icsoc Autocall', 'Search call detail records');
			const search = { resource: 'cdr', operation: 'search' };
			for (const [name, label] of [
				['callResult', 'Call Result'],
				['endResult', 'End Result'],
			]) {
				await addCollectionOption(details, 'Add Filter', label);
				const value = details.locator(`[data-test-id=parameter-input-${name}] input`);
				await value.waitFor();
				// Before: "2: Caller And Called Connected" and "11: Caller Hung Up", chosen for the user.
				expect(await value.inputValue()).toBe('Any');
			}
			for (const [name, label] of [
				['callId', 'Call ID'],
				['projectId', 'Project ID'],
				['taskId', 'Task ID'],
			]) {
				await addCollectionOption(details, 'Add Filter', label);
				const placeholder = await shownPlaceholder(details, name);
				expect(placeholder).toMatch(/^e\.g\. \d+$/);
				expect(placeholder).toBe(describedProperty('icsocAutocall', name, search).placeholder);
			}
			await screenshot('icsoc-filters-any');

			await details.locator('[data-test-id=collection-parameter-add]', { hasText: 'Add Option' }).click();
			const zone = details.locator('[data-test-id=parameter-input-icsocTimeZone] input');
			await zone.waitFor();
			expect(await zone.inputValue()).toBe("Asia/Shanghai (China Standard Time, icsoc's default)");
			await zone.click();
			const zones = page.locator('.el-select-dropdown__item:visible');
			await zones.first().waitFor();
			expect(await zones.count()).toBeGreaterThan(400);
			await screenshot('icsoc-time-zone-picker');
			await zone.fill('Berl');
			await page.locator('.el-select-dropdown__item:visible', { hasText: /^Europe\/Berlin$/ }).click();
			expect(await zone.inputValue()).toBe('Europe/Berlin');

			// Run it: with both filters at "Any", icsoc is asked for every call.
			const before = sandbox.icsoc.searches.length;
			await details.locator('[data-test-id=node-execute-button]').click();
			await details.locator('[data-test-id=output-panel]').getByText(/\d+ items?/).first().waitFor();
			const sent = sandbox.icsoc.searches.slice(before);
			expect(sent.length).toBeGreaterThan(0);
			for (const request of sent) expect(request.filters).toEqual({});
			await screenshot('icsoc-filters-any-executed');
			await closeNodeDetails();
		});
	});

	test.each([
		{ vendor: 'Huawei CC-iSales', action: 'Get a call result', node: 'huaweiIsales', at: { resource: 'callResult', operation: 'get' }, fields: ['callId'] },
		{ vendor: 'Huawei CC-iSales', action: 'Get many call results', node: 'huaweiIsales', at: { resource: 'callResult', operation: 'getMany' }, fields: ['campaignId'] },
		{
			vendor: 'NXCloud Callbot',
			action: 'Add calls to a task',
			node: 'nxCloudCallbot',
			at: { resource: 'order', operation: 'addCalls' },
			fields: ['userTaskId', 'orderId', 'userPhone', 'orderCallbackUrl', 'callCallbackUrl'],
		},
		{ vendor: 'NXCloud Callbot', action: 'List order details', node: 'nxCloudCallbot', at: { resource: 'order', operation: 'getDetails' }, fields: ['orderIds'] },
	])('$vendor $action: the ID and URL fields show an example ("e.g. …")', async ({ vendor, action, node, at, fields }) => {
		await timed(`placeholders of ${vendor} ${action}`, async () => {
			const details = await addAction(vendor, action);
			for (const name of fields) {
				const placeholder = await shownPlaceholder(details, name);
				expect([name, placeholder]).toEqual([name, describedProperty(node, name, at).placeholder]);
				expect(placeholder).toMatch(/^e\.g\. \S/);
				if (/Url$/.test(name)) expect(placeholder).toMatch(/^e\.g\. https:\/\/\S+\/webhook\/\S+\/nxcloud-callbot$/);
			}
			await screenshot(`placeholders-${vendor}-${action}`.replace(/\W+/g, '-'));
			await closeNodeDetails();
		});
	});

	const triggerNodes = packageNodes.filter((node) => node.description.group.includes('trigger'));

	test.each(triggerNodes.map((node) => [node.description.displayName, node.description.name] as const))(
		'%s: the trigger panel says what to paste where; its notices take at most two lines; publishing says what now runs it',
		async (displayName, name) => {
			await timed(`trigger panel of ${displayName}`, async () => {
				const description = nodeDescription(name);
				const panel = description.triggerPanel as TriggerPanelDefinition;
				const help = panel.executionsHelp as { inactive: string; active: string };
				const hint = panel.activationHint as { inactive: string; active: string };
				const vendor = displayName.replace(/ Trigger$/, '');
				await page.goto(`${baseUrl}/workflow/new`);
				await openNodePanel(vendor);
				await creatorItem(vendor).first().click();
				await vendorPanel().getByText(/^Triggers \(\d+\)/).waitFor();
				await vendorPanel().locator('[data-test-id=item-iterator-item] [data-test-id=node-creator-item-name]').filter({ visible: true }).first().click();
				const details = page.locator('[data-test-id=ndv]');
				const header = details.locator('[data-test-id=trigger-header]');
				await header.waitFor();
				// Before: n8n's "Pull in events from <vendor>" and its generic help.
				expect((await header.innerText()).trim()).toBe(panel.header);
				await details.getByText(rendered(hint.inactive)).waitFor();
				await details.getByText('When will this node trigger my flow?').click();
				// Found by a stretch crossing the bold "To test:", so the whole text is read.
				const helpShown = details.getByText(rendered(help.inactive).slice(0, 60));
				await helpShown.waitFor();
				expect((await helpShown.innerText()).replace(/\s+/g, ' ')).toBe(rendered(help.inactive).replace(/\s+/g, ' '));
				expect(await helpShown.innerText()).toMatch(/Test URL[\s\S]*Production URL/);
				await screenshot(`trigger-panel-${vendor}`);

				// Notices: one or two lines, the Respond one included.
				const notices = () => description.properties.filter((property) => property.type === 'notice');
				await details.locator('[data-test-id=parameter-input-responseMode]').click();
				await page.locator('.el-select-dropdown__item:visible', { hasText: /^When Last Node Finishes/ }).click();
				for (const notice of notices().filter((property) => ['setupNotice', 'lastNodeNotice'].includes(property.name))) {
					const text = details.getByText(rendered(notice.displayName).slice(0, 40));
					await text.first().waitFor();
					expect([notice.name, await shownLines(text.first())]).toEqual([notice.name, expect.any(Number)]);
					expect(await shownLines(text.first())).toBeLessThanOrEqual(2);
				}
				await screenshot(`trigger-notices-${vendor}`);

				// Listening: n8n's own text in the panel, the node's own words on the canvas.
				await details.locator('[data-test-id=trigger-execute-button]').first().click();
				await details.getByText('Listening for test event').waitFor();
				await screenshot(`trigger-listening-${vendor}`);
				await closeNodeDetails();
				await page.getByText(String(description.eventTriggerDescription)).first().waitFor();
				await screenshot(`trigger-waiting-canvas-${vendor}`);
				await page.locator('[data-test-id=stop-execution-waiting-for-webhook-button]').click().catch(() => undefined);

				// Publishing: the activation message is the node's, not n8n's generic one.
				await page.locator('[data-test-id=workflow-open-publish-modal-button]').click();
				await page.locator('[data-test-id=workflow-publish-button]').click();
				const activation = page.locator('[data-test-id=activation-modal]');
				await activation.getByText(String(description.activationMessage)).waitFor();
				await screenshot(`trigger-published-${vendor}`);
				await page.keyboard.press('Escape');
			});
		},
	);
});

test('an example runs from the editor and its result appears', async () => {
	await timed('execute "Example: daily call report"', async () => {
		const example = sandbox.examples.find((workflow) => workflow.id === 'exDailyReport001')!;
		const manual = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
		await page.goto(`${baseUrl}/workflow/${example.id}`);
		const trigger = page.locator(`[data-test-id=canvas-node][data-node-name="${manual.name}"]`);
		await trigger.hover();
		await page.locator(`[data-test-id="execute-workflow-button-${manual.name}"]`).click();
		await page.locator('[data-test-id=canvas-node][data-node-name="Report"] [data-test-id=canvas-node-status-success]').waitFor();
		await page.getByText(`${demoData.nxCloudOrders.length} items`).first().waitFor();
		await screenshot('example-executed');
		await page.locator('[data-test-id=canvas-node][data-node-name="Report"]').dblclick();
		const output = page.locator('[data-test-id=output-panel]');
		await output.getByText('count_orderID').waitFor();
		expect(await output.innerText()).toMatch(new RegExp(`count_orderID\\s+${demoData.nxCloudOrders.length}\\b`));
		await screenshot('example-result');
		await closeNodeDetails();
	});
});

/** Internal resource and operation values of the package's nodes ("getDetails", "order"). */
function internalNames(): Array<{ resource: string; operation: string }> {
	const pairs: Array<{ resource: string; operation: string }> = [];
	for (const node of packageNodes) {
		const props = node.description.properties;
		const resources = (props.find((p) => p.name === 'resource')?.options ?? []) as Array<{ value: string }>;
		for (const operation of props.filter((p: INodeProperties) => p.name === 'operation')) {
			const shownFor = (operation.displayOptions?.show?.resource ?? resources.map((r) => r.value)) as string[];
			for (const option of (operation.options ?? []) as Array<{ value: string }>) {
				for (const resource of shownFor) pairs.push({ resource: String(resource), operation: String(option.value) });
			}
		}
	}
	return pairs;
}

// Issue 12, item 5: n8n shows each node's subtitle on the canvas; before the text pass
// (commit 57cfb04) those were "<operation>: <resource>" values such as "getDetails: order".
test('the canvas shows no internal names (such as "getDetails: order")', async () => {
	await timed('canvas texts of every example', async () => {
		const internal = internalNames().map(({ resource, operation }) => `${operation}: ${resource}`);
		const found: string[] = [];
		for (const example of sandbox.examples.filter((workflow) => workflow.nodes.some((node) => node.type.startsWith('n8n-nodes-callcenter.')))) {
			await page.goto(`${baseUrl}/workflow/${example.id}`);
			await page.locator('[data-test-id=canvas-node]').first().waitFor();
			for (const text of await page.locator('[data-test-id=canvas-node]').allInnerTexts()) {
				for (const name of internal) if (text.includes(name)) found.push(`${example.name}: "${name}"`);
			}
		}
		await screenshot('canvas-texts');
		expect(found).toEqual([]);
	});
});

test('the node panel lists actions in words, not internal values', () => {
	expect(panelEntries.length).toBeGreaterThan(0);
	const internal = new Set(internalNames().flatMap(({ resource, operation }) => [resource, operation]));
	for (const entry of panelEntries) {
		const label = entry.split(': ').slice(1).join(': ');
		expect([entry, internal.has(label)]).toEqual([entry, false]);
		expect(label).toMatch(/^[A-Z]/);
	}
});

// n8n names a trigger's panel entries after its events' option names: "Order (Order Result)"
// read "On order order result".
test('the node panel repeats no word in an entry (it read "On order order result" before)', () => {
	const doubled = panelEntries.filter((entry) => /\b(\w+) \1\b/i.test(entry.split(': ').slice(1).join(': ')));
	expect(doubled).toEqual([]);
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Change } from '../../src/diff/changes.js';
import { formatHtml } from '../../src/diff/format-html.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) process.stderr.write(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): HTML diff test skipped\n`);

const changes: Change[] = [
  { change: 'added', what: 'method', agent: 'ErpSync', name: 'TryConnectActor', breaking: false },
  { change: 'removed', what: 'method', agent: 'ErpSync', name: 'OldThing', breaking: true },
  { change: 'changed', what: 'param', aspect: 'type', agent: 'Person', name: 'Save.Id', from: 'xs:int', to: 'xs:long', breaking: true },
  { change: 'added', what: 'field', type: 'PluginResponse', name: 'Status', to: 'tns:QuoteStatus', breaking: false },
  { change: 'added', what: 'type', type: '</script><script>window.pwned=1</script>', breaking: false },
];

describe.skipIf(!haveChromium)('the HTML diff page in a real headless browser', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-html-'));
    file = path.join(dir, 'diff.html');
    writeFileSync(file, formatHtml({ from: 'Services87', to: 'Services88', changes }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => browser?.close());

  test('shows the summary per agent and filters by breaking and by agent, without the network', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    expect(await page.textContent('h1')).toBe('API changes: Services87 → Services88');
    expect(await page.textContent('#summary')).toBe('5 changes, 2 breaking.');
    const rows = await page.$$eval('#per-agent tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['ErpSync', '1', '1', '0', '1'],
      ['Person', '0', '0', '1', '1'],
      ['Types', '2', '0', '0', '0'],
    ]);
    const visible = () => page.$$eval('#changes li:not(.hidden)', (lis) => lis.map((li) => li.textContent!.trim()));
    expect(await visible()).toHaveLength(5);
    await page.check('#breaking-only');
    expect(await visible()).toEqual(['ErpSync method OldThing removed', 'Person parameter Save.Id type changed: xs:int → xs:long']);
    await page.uncheck('#breaking-only');
    await page.selectOption('#agent', 'Types');
    expect(await visible()).toEqual(['Types field PluginResponse.Status added (tns:QuoteStatus)', 'Types type </script><script>window.pwned=1</script> added']);
    expect(await page.textContent('#shown')).toBe('2 of 5 shown');
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    await page.screenshot({ path: path.join(path.dirname(file), 'diff.png'), fullPage: true });
  });
});

if (!haveChromium) test.skip('Chromium is not installed: HTML diff test skipped', () => {});

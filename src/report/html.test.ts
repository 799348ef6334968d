import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium.js';
import { sampleResult } from '../../test/fixtures/report/sample-result.js';
import { applyPolicy, emptyPolicy, loadVex } from '../policy/index.js';
import { writeHtml } from './html.js';

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

function reportFile(html: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

test('the HTML report opens offline, shows the right numbers, and its filters work', async () => {
  const r = sampleResult();
  // With a VEX statement applied, so the suppressed count is real too.
  const vex = loadVex([new URL('../../test/fixtures/policy/vex/lodash.cdx-vex.json', import.meta.url).pathname]);
  const { result } = applyPolicy(r, emptyPolicy(), { vex });
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = reportFile(writeHtml(result, { now: new Date('2026-11-25T12:00:00Z') }));
  await page.goto(url);
  const count = async (id: string) => (await page.locator(`[data-testid="count-${id}"] .count`).textContent())?.trim();
  assert.equal(await count('total'), '77');
  assert.equal(await count('CRITICAL'), '0');
  assert.equal(await count('HIGH'), '74');
  assert.equal(await count('MEDIUM'), '2');
  assert.equal(await count('LOW'), '1');
  assert.equal(await count('packages'), '131');
  assert.equal(await count('suppressed'), '1');
  assert.equal(await page.locator('#chart-severity svg rect').count(), 5);
  assert.equal(await page.locator('#findings tbody tr:visible').count(), 77);
  assert.equal(await page.locator('#shown-count').textContent(), '77');

  // Severity filter: only MEDIUM.
  for (const s of ['CRITICAL', 'HIGH', 'LOW', 'UNKNOWN']) await page.locator(`input[name=severity][value=${s}]`).uncheck();
  assert.equal(await page.locator('#findings tbody tr:visible').count(), 2);
  assert.equal(await page.locator('#shown-count').textContent(), '2');
  const ids = await page.locator('#findings tbody tr:visible td:nth-child(3) summary strong').allTextContents();
  assert.deepEqual(ids.sort(), ['GHSA-c2qf-rxjj-qqgw', 'KSV-0012']);

  // Kind filter on top: misconfig among MEDIUM.
  await page.locator('#filter-kind').selectOption('misconfig');
  assert.equal(await page.locator('#findings tbody tr:visible').count(), 1);

  // Text search across every severity: one CVE on four krb5 libraries.
  for (const s of ['CRITICAL', 'HIGH', 'LOW', 'UNKNOWN']) await page.locator(`input[name=severity][value=${s}]`).check();
  await page.locator('#filter-kind').selectOption('');
  await page.locator('#filter-text').fill('cve-2026-107364');
  assert.equal(await page.locator('#findings tbody tr:visible').count(), 4);

  // Each finding says why and how to fix.
  const row = page.locator('#findings tbody tr', { hasText: 'KSV-0012' });
  await page.locator('#filter-text').fill('');
  await row.locator('summary').click();
  const body = await row.locator('.body').innerText();
  assert.match(body, /Why: .*root/i);
  assert.match(body, /Fix: /);
  const lodashRow = page.locator('#findings tbody tr', { hasText: 'GHSA-c2qf-rxjj-qqgw' });
  await lodashRow.locator('summary').click();
  assert.match(await lodashRow.locator('.body').innerText(), /Fix: Upgrade semver from 7\.5\.1 to 7\.5\.2 or later\./);

  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'self-contained: no network requests');
  await page.close();
});

test('an empty report says so and still loads without errors', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(reportFile(writeHtml({ schemaVersion: 1, artifact: { name: 'clean', type: 'filesystem' }, packages: [], findings: [] })));
  assert.equal(await page.locator('[data-testid="count-total"] .count').textContent(), '0');
  assert.equal(await page.locator('#no-findings').isVisible(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('JUnit output is well-formed XML (parsed by the browser\'s XML parser)', async () => {
  const { writeReport } = await import('./index.js');
  const r = sampleResult();
  r.findings[0] = { ...r.findings[0], title: 'control \u0001 chars & <tags> "quoted"' };
  const xml = writeReport('junit', r);
  const page = await browser.newPage();
  const counts = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      suites: doc.getElementsByTagName('testsuite').length,
      cases: doc.getElementsByTagName('testcase').length,
      failures: doc.getElementsByTagName('failure').length,
      messages: [...doc.getElementsByTagName('failure')].map((f) => f.getAttribute('message')),
    };
  }, xml);
  assert.deepEqual({ ...counts, messages: undefined }, { error: 0, suites: 4, cases: 78, failures: 78, messages: undefined });
  // The control character is dropped; the XML specials survive the round trip.
  assert.ok(counts.messages.includes(`${r.findings[0].id}: control  chars & <tags> "quoted"`));
  await page.close();
});

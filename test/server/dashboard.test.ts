/**
 * The dashboard in real headless Chromium against a real `coastguard server` process: sign in with
 * a token, the numbers on the pages equal the API's, filters and deep links work, every control
 * has a label, no console error. Screenshots of each page go to .cache/test-artifacts/dashboard/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot, tempDir } from '../helpers.js';
import { launchChromium } from '../support/chromium.js';
import { runCli } from '../support/cli.js';
import { api, startServerProcess, type TestServer } from '../support/server.js';

const SAMPLE = join(repoRoot, 'samples', 'debian13-sample.tar');
const FEED = join(repoRoot, 'samples', 'debian-security-tracker.json');
const DIGEST = 'sha256:d9e9582c9dff790d55ee366c594aaabc258e3b76f9efbb97228f94d1d426492a';
const SHOTS = join(repoRoot, '.cache', 'test-artifacts', 'dashboard');

describe('dashboard', () => {
  const dir = tempDir('cg-dash-');
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let admin: string;
  let reader: string;
  const problems: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = join(dir, 'vuln.db');
    assert.equal((await runCli(['db', 'build', '--quiet', '--output', db, FEED])).code, 0);
    server = await startServerProcess(['--store', join(dir, 'store.db'), '--db', db, '--admin-token-file', join(dir, 'admin')], undefined, { COASTGUARD_CACHE_DIR: join(dir, 'cache') });
    admin = readFileSync(join(dir, 'admin'), 'utf8').trim();
    reader = (await api(server.url, '/api/v1/tokens', admin, { body: { name: 'people', scopes: ['read'] } })).body.token;
    const up = await runCli(['image', '--input', SAMPLE, '--db', db, '--quiet', '--format', 'json', '--output', join(dir, 'scan.json'), '--server', server.url, '--token', admin]);
    assert.equal(up.code, 0, up.stderr);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page that records console errors and failed requests (the test fails on any). */
  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${path}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`${path}: request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) problems.push(`${path}: left the server: ${r.url()}`);
    });
    await page.goto(server.url + path);
    return page;
  }

  /** Closes a page once its scripts' requests are done (closing mid-request would count as a failed request). */
  async function done(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.close();
  }

  /** Every input, select and button has an accessible name (label, aria-label or text). */
  async function unlabelled(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))) {
        const e = el as HTMLInputElement;
        const named = (e.labels && e.labels.length > 0) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.tagName === 'BUTTON' && (e.textContent ?? '').trim());
        if (!named) out.push(e.outerHTML.slice(0, 80));
      }
      return out;
    });
  }

  it('signs in with the token: the session is an HttpOnly, SameSite=Strict cookie, never in the URL', async () => {
    const page = await open('/');
    assert.match(page.url(), /\/login\?next=%2F$/);
    await page.getByLabel('Token').fill('cgt_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.getByRole('alert').innerText(), /not valid/);
    problems.length = 0; // the 401 answer of a wrong token is logged by Chromium as a failed resource
    await page.getByLabel('Token').fill(reader);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(server.url + '/');
    assert.ok(!page.url().includes(reader));
    const [cookie] = await context.cookies();
    assert.equal(cookie.name, 'cg_session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '', 'page scripts cannot read the token');
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
    await done(page);
  });

  it('overview: the image with its vulnerability count and the severity counts the API gives; the trend is drawn', async () => {
    const summary = (await api(server.url, '/api/v1/images', reader)).body;
    assert.equal(summary.total, 1);
    const img = summary.items[0];
    assert.equal(img.vulnerabilities, 72);
    const page = await open('/');
    assert.equal(await page.getByTestId('images-total').innerText(), '1');
    assert.equal(await page.getByTestId('vulns-total').innerText(), '72');
    for (const s of ['critical', 'high', 'medium', 'low', 'unknown']) assert.equal(await page.getByTestId(`total-${s}`).innerText(), String(img.counts[s]), s);
    const row = page.locator('#images tbody tr');
    assert.equal(await row.count(), 1);
    const cells = await row.first().locator('td').allInnerTexts();
    assert.match(cells[0], /docker\.io\/coastguard\/sample:debian13/);
    assert.deepEqual(cells.slice(3, 9).map(Number), [72, img.counts.critical, img.counts.high, img.counts.medium, img.counts.low, img.counts.unknown]);
    await page.waitForFunction(() => /now\.$/.test(document.getElementById('trend-status')?.textContent ?? ''));
    assert.match(await page.locator('#trend-status').innerText(), new RegExp(`${img.counts.critical + img.counts.high + img.counts.medium + img.counts.low + img.counts.unknown} now\\.$`));
    assert.equal(await page.locator('#trend canvas').count(), 1);
    assert.deepEqual(await unlabelled(page), []);
    await page.screenshot({ path: join(SHOTS, 'overview-trend.png'), fullPage: true });
    await done(page);
  });

  it('the deep link /vulnerabilities/<id> names every affected image with package and fixed version', async () => {
    const scan = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8'));
    const f = scan.findings.find((x: any) => x.kind === 'vulnerability' && x.fixedVersion);
    const where = (await api(server.url, `/api/v1/vulnerabilities/${f.id}/images`, reader)).body;
    const page = await open(`/vulnerabilities/${f.id}`);
    assert.equal(await page.locator('h1').innerText(), f.id);
    assert.equal(await page.getByTestId('affected-count').innerText(), String(where.total));
    const rows = await page.locator('#affected tbody tr').allInnerTexts();
    const expected = where.items.flatMap((i: any) => i.findings.map((x: any) => `${x.package.name} ${x.package.version}`));
    assert.equal(rows.length, expected.length);
    for (const pkg of expected) assert.ok(rows.some((r) => r.includes('docker.io/coastguard/sample:debian13') && r.includes(pkg) && r.includes(f.fixedVersion)), pkg);
    await page.screenshot({ path: join(SHOTS, 'vulnerability.png'), fullPage: true });
    await page.locator('#affected tbody a').first().click();
    await page.waitForURL(`${server.url}/images/${encodeURIComponent(DIGEST)}`);
    await done(page);
  });

  it('image page: packages equal the API inventory; the filter narrows the table and lives in the URL', async () => {
    const pkgs = (await api(server.url, `/api/v1/images/${DIGEST}/packages`, reader)).body;
    const page = await open(`/images/${DIGEST}`);
    assert.equal(await page.locator('#packages tbody tr').count(), pkgs.total);
    assert.equal(await page.getByTestId('image-vulns').innerText(), '72');
    const want = pkgs.items.filter((p: any) => [p.name, p.version, p.ecosystem, p.source?.name ?? ''].join(' ').toLowerCase().includes('libk')).length;
    assert.ok(want > 0);
    await page.getByLabel('Filter packages').fill('libk');
    assert.equal(await page.locator('#packages tbody tr:not([hidden])').count(), want);
    assert.match(page.url(), /packages-q=libk/);
    assert.deepEqual(await unlabelled(page), []);
    await page.screenshot({ path: join(SHOTS, 'image.png'), fullPage: true });
    // The filtered URL is a view of its own: opened fresh, the server applies it.
    const again = await open(page.url().slice(server.url.length));
    assert.equal(await again.locator('#packages tbody tr:not([hidden])').count(), want);
    assert.equal(await again.getByLabel('Filter packages').inputValue(), 'libk');
    // Sorting by a header (keyboard: the header is a button).
    await again.getByRole('button', { name: 'Sort by Version' }).focus();
    await again.keyboard.press('Enter');
    assert.equal(await again.locator('#packages th[aria-sort="ascending"] button').getAttribute('data-sort-label'), 'Version');
    assert.match(again.url(), /packages-sort=Version/);
    await done(page);
    await done(again);
  });

  it('rules catalogue, events and the admin pages (the admin scope is the API\'s to enforce)', async () => {
    const rules = (await api(server.url, '/api/v1/rules', reader)).body;
    assert.ok(rules.total > 300);
    let page = await open('/rules');
    assert.equal(await page.getByTestId('rules-total').innerText(), String(rules.total));
    await page.getByLabel('Filter rules').fill('DL3008');
    assert.ok((await page.locator('#rules tbody tr:not([hidden])').count()) >= 1);
    assert.deepEqual(await unlabelled(page), []);
    await page.screenshot({ path: join(SHOTS, 'rules.png'), fullPage: true });
    await done(page);

    const events = (await api(server.url, '/api/v1/events', reader)).body;
    // The trend the overview draws is the per-day aggregate of these same events.
    const trend = (await api(server.url, '/api/v1/events/trend', reader)).body;
    assert.equal(trend.days.reduce((n: number, d: any) => n + d.new, 0), events.items.filter((e: any) => e.type === 'findings.new').length);
    const newest = (await api(server.url, '/api/v1/events?order=newest&limit=3', reader)).body;
    assert.deepEqual(newest.items.map((e: any) => e.id), events.items.slice(-3).map((e: any) => e.id).reverse());
    page = await open('/events?type=findings.new');
    assert.equal(await page.getByTestId('events-count').innerText(), String(events.items.filter((e: any) => e.type === 'findings.new').length));
    assert.deepEqual(await unlabelled(page), []);
    await page.screenshot({ path: join(SHOTS, 'events.png'), fullPage: true });
    await done(page);

    // The reader's token lacks the admin scope: the page says so (403), the API decided.
    page = await open('/admin');
    assert.match(await page.getByRole('alert').innerText(), /admin scope/);
    problems.length = 0;
    await done(page);
  });

  it('an admin creates a token (shown once) and sees the write in the audit log; sign-out ends the session', async () => {
    const page = await open('/login');
    await page.getByLabel('Token').fill(admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(server.url + '/');
    await page.goto(server.url + '/admin');
    await page.getByLabel('Token name').fill('from-the-dashboard');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('new-token').innerText();
    assert.match(token, /^cgt_/);
    assert.equal((await api(server.url, '/api/v1/images', token)).status, 200);
    const rows = await page.locator('#audit tbody tr').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('POST /api/v1/tokens')));
    assert.deepEqual(await unlabelled(page), []);
    await page.screenshot({ path: join(SHOTS, 'admin.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    assert.deepEqual(await context.cookies(), []);
    await page.goto(server.url + '/');
    assert.match(page.url(), /\/login/);
    await done(page);
  });

  it('no console error, failed request or request leaving the server on any page', () => {
    assert.deepEqual(problems, []);
  });
});

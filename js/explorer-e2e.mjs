// Drive the explorer in headless Chromium: load, search "监督抽查", expand a result, screenshot.
// usage: node js/explorer-e2e.mjs BASE_URL SCREENSHOT_PATH [CHROMIUM]
import { chromium } from 'playwright-core';

const [base, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const outside = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.fill('#q', '监督抽查');
  await page.click('button[type=submit]');
  await page.waitForSelector('#results li', { timeout: 15000 });
  const results = await page.$$eval('#results li', (items) => items.map((li) => li.dataset.id));
  const before = await page.evaluate(() => window.qgraphNodeCount());
  await page.click('#results li >> nth=0');
  await page.waitForFunction(() => window.qgraphNodeCount() > 1, null, { timeout: 15000 });
  await page.waitForSelector("#details h2", { timeout: 15000 }).catch(async (e) => { throw new Error(e.message + " | details: " + await page.textContent("#details") + " | errors: " + errors.join("; ")); });
  const nodes = await page.evaluate(() => window.qgraphNodeCount());
  const details = await page.textContent('#details');
  await page.screenshot({ path: screenshot });
  process.stdout.write(JSON.stringify({ results, before, nodes, details, errors, outside }));
} finally {
  await browser.close();
}

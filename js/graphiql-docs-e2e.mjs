// Open GraphiQL in headless Chromium, open its docs panel (Documentation Explorer, fed by the
// standard introspection query at the service's default limits), search a type and open it;
// report what a reader sees, as JSON.
// usage: node js/graphiql-docs-e2e.mjs BASE_URL TYPE_NAME [CHROMIUM]
import { chromium } from 'playwright-core';

const [base, typeName, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const report = { errors: [], outside: [], introspection: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') report.errors.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) report.outside.push(r.url()); });
  page.on('response', async (r) => {
    const body = r.request().postData() || '';
    if (r.url().startsWith(`${base}/graphql`) && body.includes('__schema')) {
      const answer = await r.json().catch(() => ({}));
      report.introspection.push({ status: r.status(), errors: answer.errors || null, types: answer.data?.__schema?.types?.length ?? 0 });
    }
  });
  await page.goto(`${base}/graphql`, { waitUntil: 'load' });
  await page.waitForSelector('.graphiql-container', { timeout: 15000 });
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  await page.waitForSelector('.graphiql-doc-explorer', { timeout: 15000 });
  // the root types show once the schema is in; an introspection refusal shows its error instead
  await page.waitForFunction(() => {
    const panel = document.querySelector('.graphiql-doc-explorer');
    return panel && (panel.querySelector('.graphiql-doc-explorer-root-type') || /error/i.test(panel.textContent));
  }, null, { timeout: 15000 });
  report.rootTypes = await page.$$eval('.graphiql-doc-explorer-root-type', (els) => els.map((e) => e.textContent));
  await page.fill('[data-cy="doc-explorer-input"]', typeName);
  await page.waitForSelector('[data-cy="doc-explorer-list"] [data-cy="doc-explorer-option"], [data-cy="doc-explorer-list"] li', { timeout: 15000 });
  report.options = await page.$$eval('[data-cy="doc-explorer-list"] li', (els) => els.slice(0, 30).map((e) => e.textContent));
  await page.locator('[data-cy="doc-explorer-list"] li', { hasText: new RegExp(`^${typeName}$`) }).first().click();
  await page.waitForFunction((name) => document.querySelector('.graphiql-doc-explorer-title')?.textContent === name, typeName, { timeout: 15000 });
  report.title = await page.textContent('.graphiql-doc-explorer-title');
  report.content = (await page.textContent('.graphiql-doc-explorer-content')).slice(0, 2000);
} catch (error) {
  report.failure = String(error);
  report.panel = await browser.contexts()[0]?.pages()[0]?.evaluate(() => document.querySelector('.graphiql-doc-explorer')?.textContent || document.body.innerText.slice(0, 500)).catch(() => '');
  process.exitCode = 1;
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

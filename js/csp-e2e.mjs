// Load the explorer and GraphiQL in headless Chromium under the service's CSP: report every
// policy violation, page error, and whether GraphiQL renders and runs its default query.
// usage: node js/csp-e2e.mjs BASE_URL [CHROMIUM]
import { chromium } from 'playwright-core';

const [base, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const report = { violations: [], errors: [], csp: {}, graphiql: null, explorer: null };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) report.violations.push(m.text()); });

  const explorer = await page.goto(base + '/', { waitUntil: 'load' });
  report.csp['/'] = explorer.headers()['content-security-policy'] || null;
  await page.fill('#q', '监督抽查');
  await page.click('button[type=submit]');
  await page.waitForSelector('#results li', { timeout: 15000 });
  await page.click('#results li >> nth=0');
  await page.waitForFunction(() => window.qgraphNodeCount() > 1, null, { timeout: 15000 });
  report.explorer = await page.evaluate(() => window.qgraphNodeCount());
  report.violations.push(...await page.evaluate(() => window.__csp));

  const graphiql = await page.goto(base + '/graphql', { waitUntil: 'load' });
  report.csp['/graphql'] = graphiql.headers()['content-security-policy'] || null;
  await page.waitForSelector('.graphiql-container', { timeout: 15000 });
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(
    () => (document.querySelector('.graphiql-response') || {}).textContent?.includes('totalCount'), null, { timeout: 15000 });
  report.graphiql = await page.evaluate(() => document.querySelector('.graphiql-response').textContent.slice(0, 200));
  report.violations.push(...await page.evaluate(() => window.__csp));
} catch (e) {
  report.errors.push(String(e));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

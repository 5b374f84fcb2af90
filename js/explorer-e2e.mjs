// Drive the explorer in headless Chromium and report what a reader would see, as JSON.
// Steps: load; the legend; search hits titled by name; the notice's neighbourhood (truncated, with
// its hint); reset; search "监督抽查", expand two results (the screenshot); node boxes, labels and
// page text; a campaign's linked activities; then the page when the store is unavailable.
// usage: node js/explorer-e2e.mjs BASE_URL SCREENSHOT_PATH [CHROMIUM]
import { chromium } from 'playwright-core';

const [base, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** Pairs of node boxes (rendered, labels included) that overlap. */
const overlaps = (boxes) => {
  const found = [];
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]; const b = boxes[j];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) found.push([a.id, b.id]);
    }
  }
  return found;
};

const outside = [];
const report = { outside };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // console errors: a blocked script or style (CSP), a missing asset, a failed request
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  report.errors = errors;
  const count = () => page.evaluate(() => window.qgraphNodeCount());
  const search = async (text) => {
    await page.fill('#q', text);
    await page.click('button[type=submit]');
    await page.waitForSelector('#results li, #results .problem', { timeout: 15000 });
    return page.$$eval('#results li', (items) => items.map((li) => ({ id: li.dataset.id, text: li.firstChild.nextSibling.textContent })));
  };

  const favicon = await page.request.get(base + '/favicon.ico');
  report.favicon = { status: favicon.status(), type: favicon.headers()['content-type'] };
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  report.legend = await page.$$eval('#legend [data-kind]', (items) => items.map((s) => [s.dataset.kind, s.textContent]));

  report.namedHits = await search('市场监管总局');

  // The notice hub has more neighbours than one expansion shows.
  await page.evaluate(() => focus('notice:2023'));
  await page.waitForFunction(() => window.qgraphNodeCount() > 1, null, { timeout: 15000 });
  report.hub = {
    nodes: await count(),
    note: await page.$eval('#graph-note', (n) => (n.hidden ? '' : n.textContent)),
    overlaps: overlaps(await page.evaluate(() => window.qgraphBoxes())),
  };
  await page.click('#graph-note button');
  await page.waitForFunction((n) => window.qgraphNodeCount() > n, report.hub.nodes, { timeout: 15000 });
  report.hubMore = {
    nodes: await count(),
    note: await page.$eval('#graph-note', (n) => (n.hidden ? '' : n.textContent)),
    overlaps: overlaps(await page.evaluate(() => window.qgraphBoxes())),
  };
  await page.click('#reset');
  report.afterReset = { nodes: await count(), note: await page.$eval('#graph-note', (n) => n.hidden) };

  report.results = (await search('监督抽查')).map((r) => r.id);
  report.before = await count();
  await page.click('#results li >> nth=0');
  await page.waitForFunction(() => window.qgraphNodeCount() > 1, null, { timeout: 15000 });
  for (const nth of [1, 2]) {
    const n = await count();
    await page.click(`#results li >> nth=${nth}`);
    await page.waitForFunction((m) => window.qgraphNodeCount() > m, n, { timeout: 15000 });
  }
  // The details shown are the last clicked result's, however the answers arrive.
  await page.waitForFunction((nodeId) => document.querySelector('#details .hint')?.textContent === nodeId
    && document.querySelector('#details h2'), report.results[2], { timeout: 15000 });
  report.nodes = await count();
  report.details = await page.textContent('#details');
  report.detailLinks = await page.$$eval('#details a.link', (links) => links.length);
  report.edgeLabels = await page.evaluate(() => window.qgraphEdgeLabels());
  report.nodeLabels = await page.evaluate(() => window.qgraphNodeLabels());
  report.overlaps = overlaps(await page.evaluate(() => window.qgraphBoxes()));
  report.text = await page.evaluate(() => document.body.innerText);
  await page.screenshot({ path: screenshot });

  // Campaigns, events, documents and topics list their activities as links.
  report.linked = {};
  for (const id of ['campaign:剑网2023', 'event:中国质量（成都）大会', 'document:质量强国建设纲要', 'topic:首席质量官']) {
    await page.evaluate((nodeId) => focus(nodeId), id);
    await page.waitForFunction((nodeId) => document.querySelector('#details .hint')?.textContent === nodeId
      && document.querySelector('#details dl'), id, { timeout: 15000 });
    report.linked[id] = {
      headings: await page.$$eval('#details dt', (dts) => dts.map((dt) => dt.textContent)),
      links: await page.$$eval('#details li a.link', (links) => links.map((a) => a.dataset.id)),
    };
  }

  // A slow answer for an earlier click never replaces a later click's details: the first node's
  // details answer is held until the second node's details have rendered.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const [slow, fast] = ['campaign:剑网2023', 'topic:首席质量官'];
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() || '';
    if (body.includes(slow) && body.includes('source')) await held;
    await route.continue();
  });
  page.evaluate((nodeId) => focus(nodeId), slow);
  await page.evaluate((nodeId) => focus(nodeId), fast);
  await page.waitForFunction((nodeId) => document.querySelector('#details .hint')?.textContent === nodeId, fast, { timeout: 15000 });
  release();
  await page.waitForTimeout(500);
  report.race = await page.$eval('#details .hint', (n) => n.textContent);
  await page.unroute('**/graphql');

  // The store down: the service answers UNAVAILABLE (as it does when FalkorDB is gone); the
  // page says so in Chinese and keeps the technical text out of sight.
  const socketError = 'FalkorDB does not answer: Error 2 connecting to /data/falkordb.sock. No such file or directory.';
  const down = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  down.on('pageerror', (e) => errors.push(String(e)));
  await down.route('**/ready', (route) => route.fulfill({ status: 503, contentType: 'application/json',
    body: JSON.stringify({ status: 'unavailable', reason: socketError }) }));
  await down.route('**/graphql', (route) => route.fulfill({ status: 200, contentType: 'application/json',
    body: JSON.stringify({ data: null, errors: [{ message: socketError, extensions: { code: 'UNAVAILABLE' } }] }) }));
  await down.goto(base + '/', { waitUntil: 'load' });
  await down.waitForSelector('body[data-ready]', { timeout: 15000 });
  const atStart = await down.textContent('#results');
  await down.fill('#q', '上海市');
  await down.click('button[type=submit]');
  await down.waitForSelector('#results .problem', { timeout: 15000 });
  report.unavailable = { atStart, onSearch: await down.textContent('#results') };
} catch (error) {
  report.failure = String(error);
  process.exitCode = 1;
} finally {
  if (report.failure) {
    const [page] = browser.contexts().flatMap((c) => c.pages());
    if (page) report.page = await page.evaluate(() => document.body.innerText).catch(() => '');
  }
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

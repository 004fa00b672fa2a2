// Opens the newsmon dashboard in headless Chromium, waits for data, checks that markup in an
// article title shows as text, saves a screenshot and prints what it saw as one JSON line.
//
//   node dashboard.mjs URL SCREENSHOT.png "TEXT THAT MUST SHOW LITERALLY" [RULE] [TIMEOUT_MS] [ALERT_SELECTOR]
//
// ALERT_SELECTOR is the alert to wait for in the feed: li.alert (any, the default) or li.SPIKE.
//
// The browser is Debian's chromium (see browser.mjs).
import { openBrowser } from './browser.mjs';

const [url, screenshot, literal, rule = 'ceasefire.30-day', timeoutArg = '90000', waitFor = 'li.alert'] = process.argv.slice(2);
const timeout = Number(timeoutArg);
const result = { dialogs: 0, pageErrors: [], consoleErrors: [] };

const browser = await openBrowser();
const { context } = browser;
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('dialog', async d => { result.dialogs++; await d.dismiss(); });
  page.on('pageerror', e => result.pageErrors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  // Anything fetched from outside the dashboard's own origin would break offline use.
  const origin = new URL(url).origin;
  result.foreignRequests = [];
  page.on('request', r => { if (!r.url().startsWith(origin)) result.foreignRequests.push(r.url()); });

  await page.goto(url, { waitUntil: 'load', timeout });
  await page.waitForFunction(() => Number(document.getElementById('chart').dataset.points) > 0, null, { timeout });
  await page.waitForSelector('#alert-feed ' + waitFor, { timeout });
  await page.selectOption('#rule-select', rule);
  await page.waitForFunction(
    text => [...document.querySelectorAll('#mentions .title')].some(e => e.textContent.includes(text)),
    literal, { timeout });
  await page.waitForSelector('#matrix td.hit', { timeout });
  // Let the feed, chart and table settle, and bring the escaped title into the picture.
  await page.waitForTimeout(1500);
  await page.evaluate(text => {
    const e = [...document.querySelectorAll('#mentions .title')].find(t => t.textContent.includes(text));
    if (e) e.closest('li').scrollIntoView({ block: 'nearest' });
  }, literal);

  Object.assign(result, await page.evaluate(text => ({
    points: Number(document.getElementById('chart').dataset.points),
    lines: document.querySelectorAll('#chart polyline').length,
    alerts: document.querySelectorAll('#alert-feed li.alert').length,
    spikes: document.querySelectorAll('#alert-feed li.SPIKE').length,
    literalShownAsText: [...document.querySelectorAll('#mentions .title')].some(e => e.textContent.includes(text)),
    imagesInMentions: document.querySelectorAll('#mentions img').length,
    imagesOnPage: document.querySelectorAll('img').length,
    marks: document.querySelectorAll('#mentions mark').length,
    markTexts: [...document.querySelectorAll('#mentions mark')].slice(0, 3).map(m => m.textContent),
    actors: document.querySelectorAll('#mentions .actor, #mentions-panel .actor').length,
    matrixRows: document.querySelectorAll('#matrix tbody tr').length,
    matrixCells: document.querySelectorAll('#matrix td.hit').length,
    status: document.getElementById('status').textContent,
  }), literal));
  await page.screenshot({ path: screenshot, fullPage: true });
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String(e && e.message || e);
  try {
    const page = context.pages()[0];
    if (page) await page.screenshot({ path: screenshot, fullPage: true });
  } catch (ignored) { /* the failure is already reported */ }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);

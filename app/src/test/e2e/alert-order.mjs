// Opens the newsmon dashboard in headless Chromium and compares the order of its alert feed with
// the order of GET /api/alerts, once after the page has loaded and once after more alerts have
// reached it live.
//
//   node alert-order.mjs URL LOADED_IDS LIVE_IDS [TIMEOUT_MS]
//
// LOADED_IDS and LIVE_IDS are comma-separated alert ids. When every LOADED_ID is in the feed it
// prints {"phase":"loaded", "feed":[...], "api":[...]} as one line: that is the cue for the caller
// to publish the LIVE_IDS alerts. When those are in the feed too, it waits (up to the timeout) for
// the feed to show the same ids in the same order as the API, and prints the final line
// {"phase":"live", "ok", "feed", "api", "meta", "pageErrors", ...}. Feed and API lists are alert
// ids, top first; meta maps each id in the feed to the line under its rule.
//
// The browser is Debian's chromium (see browser.mjs).
import { openBrowser } from './browser.mjs';

const [url, loadedArg, liveArg, timeoutArg = '60000'] = process.argv.slice(2);
const loaded = loadedArg.split(',');
const live = liveArg.split(',');
const timeout = Number(timeoutArg);
const result = { phase: 'live', pageErrors: [], consoleErrors: [] };

const browser = await openBrowser();
const { context } = browser;

// Both lists read in one go in the page, so that an alert arriving in between cannot tell them
// apart.
const orders = page => page.evaluate(async () => {
  const r = await fetch('api/alerts?limit=200', { headers: { Accept: 'application/json' } });
  const api = (await r.json()).map(a => a.alertId);
  const items = [...document.querySelectorAll('#alert-feed li.alert')];
  const feed = items.map(li => li.dataset.id);
  const meta = Object.fromEntries(items.map(li => [li.dataset.id, li.querySelector('.meta').textContent]));
  return { feed, api, meta };
});

const same = o => o.feed.length === o.api.length && o.feed.every((id, i) => id === o.api[i]);

const hasAll = (page, ids) => page.waitForFunction(
  ids => ids.every(id => document.querySelector(`#alert-feed li[data-id="${id}"]`)),
  ids, { timeout });

try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', e => result.pageErrors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });

  await page.goto(url, { waitUntil: 'load', timeout });
  await hasAll(page, loaded);
  console.log(JSON.stringify({ phase: 'loaded', ...(await orders(page)) }));

  await hasAll(page, live);
  // Other alerts may still be arriving: give the feed and the API a moment to agree.
  const deadline = Date.now() + Math.min(timeout, 15000);
  let o = await orders(page);
  while (!same(o) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    o = await orders(page);
  }
  Object.assign(result, o);
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String(e && e.message || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);

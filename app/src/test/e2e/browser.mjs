// Headless Chromium for the dashboard scripts: Debian's chromium (CHROMIUM overrides the path),
// which playwright-core drives and never downloads, in a throwaway profile.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser context in a new profile; close() shuts it and deletes the profile. */
export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'newsmon-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1100 },
    // No network beyond localhost here: keep Chromium from reaching out at all.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

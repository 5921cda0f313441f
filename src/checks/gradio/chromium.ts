import '../../dispose-polyfill.js';
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

// Debian's Chromium, headless and quiet: nothing is fetched from the network on its own account.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumSession extends AsyncDisposable {
  readonly context: BrowserContext;
}

/** A Chromium with a fresh profile, removed with the session. Never downloads a browser. */
export async function openChromium(executablePath: string): Promise<ChromiumSession> {
  await access(executablePath).catch((error: unknown) => {
    throw new Error(
      `no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium) or set browser.executablePath`,
      { cause: error },
    );
  });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'uh-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      timeout: 60_000,
    });
    return {
      context,
      async [Symbol.asyncDispose]() {
        await context.close().catch(() => undefined);
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { openChromium } from './chromium.js';
import type { BrowserStep, GradioCheck } from './gradio-check-schema.js';
import type { RunningApp } from './launch-app.js';

type BrowserSettings = NonNullable<GradioCheck['browser']>;

export interface BrowserResult {
  passed: boolean;
  message: string;
  consoleErrors: string[];
  /** Requests to other hosts (fonts, CDNs), answered empty so the page is judged offline, alike on both sides. */
  blockedRequests: string[];
  steps: { step: string; ok: boolean; message?: string }[];
  screenshotFile?: string;
  /** Present when the host's network changed under an earlier attempt and the page was loaded again. */
  attempts?: number;
}

const COMPONENT_TIMEOUT_MS = 30_000;
const ACTION_TIMEOUT_MS = 15_000;

/**
 * Chromium aborts every request in flight with this error when the host's network changes: an
 * interface or address appearing, as when Docker starts or removes a container. It says nothing
 * about the app, so an attempt it spoilt is made again on a fresh page.
 */
const NETWORK_CHANGED = 'net::ERR_NETWORK_CHANGED';
const ATTEMPTS = 3;

/**
 * Loads the app's page in Chromium, checks the named components, runs the steps, takes a screenshot.
 * Throws (the harness could not judge the page) when the host's network kept changing under it.
 */
export async function runBrowserSmoke(
  app: RunningApp,
  settings: BrowserSettings,
  options: { hostWorkdir: string; screenshotFile: string },
): Promise<BrowserResult> {
  await using session = await openChromium(settings.executablePath);
  for (let attempt = 1; ; attempt++) {
    const { result, networkChanged } = await attemptPage(session.context, app, settings, options);
    if (result.passed || !networkChanged) return attempt === 1 ? result : { ...result, attempts: attempt };
    if (attempt === ATTEMPTS)
      throw new Error(
        `Chromium lost the page's requests to ${NETWORK_CHANGED} in ${ATTEMPTS} attempts: this machine's ` +
          'network interfaces kept changing (containers starting or stopping); run again when it is quieter',
      );
  }
}

async function attemptPage(
  context: BrowserContext,
  app: RunningApp,
  settings: BrowserSettings,
  options: { hostWorkdir: string; screenshotFile: string },
): Promise<{ result: BrowserResult; networkChanged: boolean }> {
  const page = await context.newPage();
  try {
    const consoleErrors: string[] = [];
    const blockedRequests: string[] = [];
    let networkChanged = false;
    page.on('console', (message) => {
      // "Failed to load resource" names no URL in its text; the location does.
      const where = message.location().url;
      if (message.type() === 'error')
        consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText.includes(NETWORK_CHANGED)) networkChanged = true;
    });
    const appOrigin = new URL(app.baseUrl).origin;
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(appOrigin) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      blockedRequests.push(url);
      return route.fulfill({ status: 200, body: '' });
    });

    const steps: BrowserResult['steps'] = [];
    const record = async (step: string, action: () => Promise<unknown>) => {
      try {
        await action();
        steps.push({ step, ok: true });
        return true;
      } catch (error) {
        const message = firstLine(error);
        if (message.includes(NETWORK_CHANGED)) networkChanged = true;
        steps.push({ step, ok: false, message });
        return false;
      }
    };

    let ok = await record('load page', () =>
      page.goto(`${app.baseUrl}/`, { waitUntil: 'load', timeout: 60_000 }),
    );
    for (const component of settings.components) {
      if (!ok) break;
      ok = await record(`visible #${component}`, () =>
        page.locator(`#${component}`).first().waitFor({ state: 'visible', timeout: COMPONENT_TIMEOUT_MS }),
      );
    }
    for (const step of settings.steps) {
      if (!ok) break;
      ok = await record(describeStep(step), () => runStep(page, step, options.hostWorkdir));
    }

    const screenshot = await page
      .screenshot({ path: options.screenshotFile, fullPage: true })
      .then(() => options.screenshotFile)
      .catch(() => undefined);
    const tolerated = settings.allowConsoleErrors.map((pattern) => new RegExp(pattern));
    const unexpected = consoleErrors.filter((text) => !tolerated.some((pattern) => pattern.test(text)));
    const failedStep = steps.find((step) => !step.ok);
    const passed = !failedStep && unexpected.length === 0;
    const message = failedStep
      ? `browser step "${failedStep.step}" failed: ${failedStep.message}`
      : unexpected.length > 0
        ? `the page logged ${unexpected.length} console error(s): ${unexpected[0]}`
        : `page loaded, ${settings.components.length} components visible, ${settings.steps.length} steps passed`;
    const result: BrowserResult = {
      passed,
      message,
      consoleErrors,
      blockedRequests,
      steps,
      ...(screenshot ? { screenshotFile: screenshot } : {}),
    };
    return { result, networkChanged };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function runStep(page: Page, step: BrowserStep, hostWorkdir: string): Promise<void> {
  const options = { timeout: ACTION_TIMEOUT_MS };
  if ('fill' in step) {
    return page.locator(`#${step.fill}`).locator('textarea, input').first().fill(step.text, options);
  }
  if ('click' in step) return page.locator(`#${step.click}`).first().click(options);
  if ('upload' in step) {
    const file = path.resolve(hostWorkdir, step.file);
    // The page uploads the file by itself after it is chosen; a click that comes before the
    // upload's answer would send no file. Both majors answer on a path ending in /upload.
    const uploaded = page.waitForResponse(
      (response) => new URL(response.url()).pathname.endsWith('/upload'),
      options,
    );
    await page.locator(`#${step.upload} input[type=file]`).first().setInputFiles(file, options);
    await uploaded;
    // Then the component shows what it holds (an image, a file link) once it has taken the answer.
    await page
      .locator(`#${step.upload}`)
      .locator('img, a[download], video, audio')
      .first()
      .waitFor({ state: 'attached', timeout: ACTION_TIMEOUT_MS });
    return;
  }
  // Gradio shows a textbox's output as a value, not as text, so both are searched.
  await page.waitForFunction(
    ({ id, text }) => {
      const element = document.getElementById(id);
      if (!element) return false;
      const fields = Array.from(element.querySelectorAll('input, textarea')) as HTMLInputElement[];
      return [element.textContent ?? '', ...fields.map((field) => field.value)].some((value) =>
        value.includes(text),
      );
    },
    { id: step.expectText, text: step.text },
    { timeout: step.timeoutSeconds * 1000 },
  );
}

export function describeStep(step: BrowserStep): string {
  if ('fill' in step) return `fill #${step.fill} with ${JSON.stringify(step.text)}`;
  if ('click' in step) return `click #${step.click}`;
  if ('upload' in step) return `upload ${step.file} to #${step.upload}`;
  return `expect #${step.expectText} to show ${JSON.stringify(step.text)}`;
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0] ?? 'failed';
}

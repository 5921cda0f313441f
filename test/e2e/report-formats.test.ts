import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli, temporaryDir } from '../support/run-cli.js';
import { validateJunit } from '../support/xmllint.js';

// A report.json written by a real run of test/fixtures/torch-gradio-security-upgrade (probe + audit).
const sample = fixture('report-samples', 'security-upgrade.report.json');

describe('report formats rendered from a saved report', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await temporaryDir('formats');
    for (const [format, file] of [
      ['html', 'report.html'],
      ['junit', 'junit.xml'],
    ] as const) {
      const result = await runCli([
        'report',
        sample,
        '--format',
        format,
        '--output',
        path.join(outDir, file),
      ]);
      expect(result.exitCode).toBe(0);
    }
  });

  it('junit.xml passes the JUnit XML schema, with one test case per check and side', async () => {
    const junit = await validateJunit(path.join(outDir, 'junit.xml'));
    expect(junit.output).toContain('validates');
    const text = await readFile(path.join(outDir, 'junit.xml'), 'utf8');
    expect(text.match(/<testcase /g)).toHaveLength(4);
  });

  it('the schema check can fail: a test case without its classname is rejected', async () => {
    const text = await readFile(path.join(outDir, 'junit.xml'), 'utf8');
    const broken = path.join(outDir, 'broken-junit.xml');
    await writeFile(broken, text.replace(/ classname="[^"]*"/, ''));
    expect((await validateJunit(broken)).valid).toBe(false);
  });

  it('report.html renders in headless Chromium with no console errors and no network requests', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      const file = path.join(outDir, 'report.html');
      await page.goto(`file://${file}`);

      expect(await page.locator('.verdict').textContent()).toBe('GO');
      expect(await page.locator('section#kind-audit svg rect').count()).toBeGreaterThan(2);
      expect(await page.locator('section#kind-probe').textContent()).toContain('code ran on torch.load');
      expect(await page.getByText('GHSA-53q9-r3pm-6pq6').count()).toBeGreaterThan(0);
      const screenshots = path.join(repoRoot, 'test-results');
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, 'report-html.png'), fullPage: true });

      expect(problems).toEqual([]);
      expect(requests).toEqual([`file://${file}`]);
    } finally {
      await browser.close();
    }
  });
});

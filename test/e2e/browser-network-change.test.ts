import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowserSmoke } from '../../src/checks/gradio/browser-smoke.js';
import { gradioCheckSchema } from '../../src/checks/gradio/gradio-check-schema.js';
import type { RunningApp } from '../../src/checks/gradio/launch-app.js';
import { temporaryDir } from '../support/run-cli.js';

// When the host's network changes (Docker starting a container adds a veth interface), Chromium
// aborts the connections it is opening with net::ERR_NETWORK_CHANGED; an app page that was loading
// its modules then never renders. That is no finding about the app: the browser smoke loads the
// page again. Here a real veth pair comes and goes (needs root and iproute2, as CI has) while a
// page built like a gradio one imports its modules, more than Chromium opens connections for at once
// and each on a new connection, so that some are always waiting for one.
const MODULES = 60;

function churnInterfaces(): void {
  execFileSync('sh', [
    '-c',
    'ip link add uh-churn0 type veth peer name uh-churn1 && ip addr add 198.51.100.7/24 dev uh-churn0 && ' +
      'ip link set uh-churn0 up && ip link set uh-churn1 up && ip link del uh-churn0',
  ]);
}

describe('the browser smoke test on a machine whose network changes under the page', () => {
  let server: http.Server;
  let app: RunningApp;
  let pageLoads = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      response.setHeader('connection', 'close');
      if (request.url === '/') {
        pageLoads += 1;
        response.setHeader('content-type', 'text/html');
        response.end(
          '<html><body><script type="module">' +
            `await Promise.all(Array.from({ length: ${MODULES} }, (_, i) => import('/module-' + i + '.js')));` +
            'document.body.insertAdjacentHTML("beforeend", "<p id=title>ready</p>");' +
            '</script></body></html>',
        );
        return;
      }
      setTimeout(() => {
        response.setHeader('content-type', 'text/javascript');
        response.end('export default 1;');
      }, 40);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    app = { baseUrl: `http://127.0.0.1:${port}`, hostPort: port } as RunningApp;
  });

  afterAll(() => {
    server.close();
    execFileSync('sh', ['-c', 'ip link del uh-churn0 2>/dev/null || true']);
  });

  it('loads the page again after Chromium lost its requests to a network change, and passes', async () => {
    const settings = gradioCheckSchema.shape.browser.unwrap().parse({ components: ['title'] });
    const screenshotFile = path.join(await temporaryDir('network-change'), 'page.png');
    // Interfaces come and go during the first page load only.
    const churn = setInterval(() => {
      if (pageLoads === 1) churnInterfaces();
    }, 150);
    try {
      const result = await runBrowserSmoke(app, settings, { hostWorkdir: '/tmp', screenshotFile });
      expect(result.passed, result.message).toBe(true);
      expect(result.attempts).toBeGreaterThanOrEqual(2);
      expect(result.steps).toEqual([
        { step: 'load page', ok: true },
        { step: 'visible #title', ok: true },
      ]);
    } finally {
      clearInterval(churn);
    }
  }, 120_000);
});

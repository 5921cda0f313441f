import '../dispose-polyfill.js';

/**
 * Turns SIGINT and SIGTERM into an AbortSignal, so the run can clean up before exiting with 130.
 * A second signal while cleaning up ends the process at once.
 */
export function interruptOnSignals(): { signal: AbortSignal } & Disposable {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    console.error(`\n${name} received: stopping and cleaning up (press Ctrl-C again to quit at once)…`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    [Symbol.dispose]() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

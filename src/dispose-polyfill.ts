// Node 20 predates Symbol.asyncDispose. TypeScript's `await using` falls back to the same
// registered symbol, so defining it here makes resources disposable on every supported Node.
const symbols = Symbol as unknown as { asyncDispose?: symbol; dispose?: symbol };
symbols.asyncDispose ??= Symbol.for('Symbol.asyncDispose');
symbols.dispose ??= Symbol.for('Symbol.dispose');

export {};

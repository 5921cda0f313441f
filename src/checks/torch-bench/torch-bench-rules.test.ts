import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { torchBenchRules } from './torch-bench-rules.js';
import { torchBenchCheckSchema } from './torch-bench-schema.js';

const check = (extra: Record<string, unknown>) =>
  torchBenchCheckSchema.parse({ id: 'bench', kind: 'torch-bench', models: [{ builtin: 'mlp' }], ...extra });
const problems = async (extra: Record<string, unknown>) =>
  (await torchBenchRules(check(extra), { workdir: os.tmpdir() })).map(({ path, message }) => ({
    path: path.join('.'),
    message,
  }));

describe('torchBenchRules', () => {
  it('accepts the defaults', async () => {
    expect(await problems({})).toEqual([]);
  });

  it('refuses rounds too few for p to ever fall below alpha, and names enough', async () => {
    // 3 v 6 (the noise rounds join the baseline): 1/84 = 0.012.
    expect(await problems({ rounds: 3 })).toEqual([
      {
        path: 'rounds',
        message: expect.stringMatching(
          /^3 rounds \(3 against 6\) can never show a regression: .* 0\.012, .*rounds: 4 or more$/,
        ),
      },
    ]);
    expect(await problems({ rounds: 4 })).toEqual([]);
    // Without noise rounds, 4 v 4 gives at best 1/70; five are needed.
    expect((await problems({ rounds: 4, mode: 'aa' }))[0]?.message).toMatch(/rounds: 5 or more$/);
    expect(await problems({ rounds: 4, mode: 'aa', alpha: 0.05 })).toEqual([]);
  });

  it('refuses what the runner would silently ignore or confuse', async () => {
    const found = await problems({
      models: [
        { builtin: 'mlp', size: { hiden: 64 } },
        { builtin: 'mlp', kwargs: { a: 1 } },
      ],
      iterations: 10,
      timeBudgetSeconds: 1,
      batchSizes: [4, 4],
    });
    expect(found.map((problem) => problem.path)).toEqual([
      'models.0.size.hiden',
      'models.1',
      'models.1.kwargs',
      'timeBudgetSeconds',
      'batchSizes.1',
    ]);
    expect(found[0]?.message).toBe(
      'the mlp model has no size "hiden"; its sizes are hidden, layers, activation, outFeatures, inputDtype',
    );
    expect(found[1]?.message).toBe('models 0 and 1 are both named "mlp": give one a `name:`');
  });

  it('refuses size values the runner would refuse only once the environments are built', async () => {
    const found = await problems({
      models: [
        { builtin: 'mlp', size: { hidden: -5, layers: 0, activation: 'nope' } },
        { builtin: 'cnn', name: 'c', size: { width: 'big' } },
      ],
    });
    expect(found).toEqual([
      { path: 'models.0.size.hidden', message: 'hidden is a whole number above 0' },
      { path: 'models.0.size.layers', message: 'layers is a whole number above 0' },
      { path: 'models.0.size.activation', message: 'activation is one of relu, gelu, tanh' },
      { path: 'models.1.size.width', message: 'width is a whole number above 0' },
    ]);
    expect(
      await problems({
        models: [{ builtin: 'mlp', size: { hidden: 64, activation: 'gelu', inputDtype: 'float64' } }],
      }),
    ).toEqual([]);
  });

  it('points at a model file missing from the workdir', async () => {
    expect(await problems({ models: [{ file: 'no-such-model.py', size: { hidden: 3 } }] })).toEqual([
      { path: 'models.0.file', message: `no file no-such-model.py in the workdir ${os.tmpdir()}` },
      { path: 'models.0.size', message: '`size` shapes a builtin model only; a model file takes `kwargs`' },
    ]);
  });
});

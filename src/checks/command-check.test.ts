import { describe, expect, it } from 'vitest';
import { lastErrorLine } from './command-check.js';

describe('lastErrorLine', () => {
  it('names the exception of a traceback whose message runs on for lines', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "smoke.py", line 9, in <module>',
      '_pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, \u001b[1mdo those steps only if you trust the source\u001b[0m.',
      '(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument.',
      'Check the documentation of torch.load to learn more.',
    ].join('\n');
    expect(lastErrorLine(false, stderr)).toBe(
      ': _pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source.',
    );
  });

  it('falls back to the last line, and says nothing for a pass', () => {
    expect(lastErrorLine(false, 'warming up\nsegmentation fault\n')).toBe(': segmentation fault');
    expect(lastErrorLine(true, 'AttributeError: x')).toBe('');
  });
});

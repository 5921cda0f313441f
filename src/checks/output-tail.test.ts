import { describe, expect, it } from 'vitest';
import { errorLine } from './output-tail.js';

describe('errorLine', () => {
  it('names the exception of a traceback whose message runs on for lines', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "smoke.py", line 9, in <module>',
      '_pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, \u001b[1mdo those steps only if you trust the source\u001b[0m.',
      '(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument.',
      'Check the documentation of torch.load to learn more.',
    ].join('\n');
    expect(errorLine(stderr)).toBe(
      '_pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source.',
    );
  });

  it('falls back to the last line, and is empty for empty stderr', () => {
    expect(errorLine('warming up\nsegmentation fault\n')).toBe('segmentation fault');
    expect(errorLine('')).toBe('');
  });
});

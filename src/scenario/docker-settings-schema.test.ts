import { describe, expect, it } from 'vitest';
import { dockerSettingsSchema, parseByteSize } from './docker-settings-schema.js';

describe('parseByteSize', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['4g', 4 * 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    ['100', 100],
    ['64MiB', 64 * 1024 ** 2],
  ])('reads %s', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it('refuses what is not a size', () => expect(parseByteSize('four gigs')).toBeUndefined());
});

describe('dockerSettingsSchema', () => {
  it('rejects unknown keys and two memory limits', () => {
    expect(dockerSettingsSchema.safeParse({ memroy: '4g' }).success).toBe(false);
    expect(dockerSettingsSchema.safeParse({ memory: '4g', memoryBytes: 1 }).success).toBe(false);
  });

  it('defaults the process limit', () => {
    expect(dockerSettingsSchema.parse({})).toEqual({ pidsLimit: 4096 });
  });
});

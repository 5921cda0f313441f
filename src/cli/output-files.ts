import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors.js';

/** Makes the report folder, or explains why it cannot be one. Returns its absolute path. */
export async function prepareOutDir(out: string): Promise<string> {
  const outDir = path.resolve(out);
  try {
    await mkdir(outDir, { recursive: true });
    return outDir;
  } catch (error) {
    throw new HarnessError('USAGE', `--out ${out} cannot be used as the report folder: ${reason(error)}.`, {
      hint: 'Give a folder that exists or can be created, e.g. --out ./upgrade-report.',
      cause: error,
    });
  }
}

/** Writes a file the user named on the command line, or explains why it cannot be written. */
export async function writeOutputFile(file: string, content: string): Promise<void> {
  try {
    await writeFile(file, content);
  } catch (error) {
    throw new HarnessError('USAGE', `--output ${file} cannot be written: ${reason(error)}.`, {
      hint: 'Give a file in a folder that exists, or leave out --output to print to stdout.',
      cause: error,
    });
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a file of that name is in the way';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

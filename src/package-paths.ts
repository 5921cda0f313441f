import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Both src/ (under tsx and vitest) and dist/ sit one level below the package root.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The package's root folder, where runners/, docker/ and advisories/ are shipped. */
export function packagePath(...segments: string[]): string {
  return [packageRoot.replace(/\/$/, ''), ...segments].join('/');
}

export function harnessVersion(): string {
  const manifest = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

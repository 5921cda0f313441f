import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

const MAKE_WHEEL = `
import sys, zipfile
path, version = sys.argv[1], sys.argv[2]
info = f"tiny_pkg-{version}.dist-info"
with zipfile.ZipFile(path, "w") as wheel:
    wheel.writestr("tiny_pkg/__init__.py", f"__version__ = {version!r}\\n")
    wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\\nName: tiny-pkg\\nVersion: {version}\\n")
    wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    wheel.writestr(f"{info}/RECORD", "")
`;

export const tinyWheel = (version: string) => `tiny_pkg-${version}-py3-none-any.whl`;

/**
 * A package index in a folder, laid out as this machine's own are (`simple/tiny-pkg/index.html`
 * linking to `../../files/…whl#sha256=…`), holding a pure-Python `tiny-pkg` in each version given.
 * Returns the index's `file://` URL, as a pip.conf would name it.
 */
export async function writeTinyIndex(root: string, versions: readonly string[]): Promise<string> {
  const files = path.join(root, 'files');
  const project = path.join(root, 'simple', 'tiny-pkg');
  await mkdir(files, { recursive: true });
  await mkdir(project, { recursive: true });
  const links: string[] = [];
  for (const version of versions) {
    const wheel = path.join(files, tinyWheel(version));
    await execa('python3', ['-c', MAKE_WHEEL, wheel, version]);
    const sha256 = createHash('sha256')
      .update(await readFile(wheel))
      .digest('hex');
    links.push(`<a href="../../files/${tinyWheel(version)}#sha256=${sha256}">${tinyWheel(version)}</a>`);
  }
  await writeFile(
    path.join(project, 'index.html'),
    `<!DOCTYPE html><html><body>\n${links.join('\n')}\n</body></html>\n`,
  );
  return pathToFileURL(path.join(root, 'simple')).href;
}

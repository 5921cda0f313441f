import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepAbandonedBuilds } from './local-backend.js';

describe('sweepAbandonedBuilds', () => {
  let root: string;
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('removes only unpublished builds of runs that are gone', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'uh-sweep-'));
    const deadPid = 2 ** 22 + 17; // above Linux's pid_max default, so never a live process
    const builds = path.join(root, 'builds');
    const published = path.join(builds, `aaa-${deadPid}-1`);
    const abandoned = path.join(builds, `bbb-${deadPid}-2`);
    const inProgress = path.join(builds, `ccc-${process.pid}-3`);
    for (const dir of [published, abandoned, inProgress]) await mkdir(dir, { recursive: true });
    await symlink(published, path.join(root, 'aaa'));

    await sweepAbandonedBuilds(root);

    expect((await readdir(builds)).sort()).toEqual([`aaa-${deadPid}-1`, `ccc-${process.pid}-3`]);
  });
});

/** One way of asking a file route for the canary. */
export interface ProbeVariant {
  name: string;
  /** The request path, sent as is. */
  requestPath: string;
}

const encodeEverySegment = (absolute: string) => absolute.split('/').map(encodeURIComponent).join('%2F');
const climbTo = (from: string) =>
  from
    .split('/')
    .filter(Boolean)
    .map(() => '..');

/**
 * The requests that would leak `canaryPath` through a `{route}file=` route: the absolute path, plain and
 * %-encoded; a climb out of a real upload directory, plain and with encoded slashes (how
 * CVE-2023-51449 read files on gradio < 4.11: the climb starts inside the temp dir, so 4.8's
 * `is_in_or_equal` takes it for a file under it); and a climb relative to the app's working directory.
 */
export function probeVariants(options: {
  fileRoutes: readonly string[];
  canaryPath: string;
  uploadDir: string;
  appCwd: string;
}): ProbeVariant[] {
  const { canaryPath, uploadDir, appCwd } = options;
  const canaryRelative = canaryPath.replace(/^\/+/, '');
  const upload = uploadDir.replace(/\/+$/, '');
  const climbOut = climbTo(uploadDir);
  const fromCwd = climbTo(appCwd);
  const forms: [string, string][] = [
    ['absolute', canaryPath],
    ['absolute, %-encoded', encodeEverySegment(canaryPath)],
    ['traversal from an upload dir', [upload, ...climbOut, canaryRelative].join('/')],
    [
      'traversal from an upload dir, ..%2F',
      `${upload}/${[...climbOut, ...canaryRelative.split('/')].join('%2F')}`,
    ],
    ['traversal from the working dir', [...fromCwd, canaryRelative].join('/')],
  ];
  return options.fileRoutes.flatMap((route) =>
    forms.map(([name, target]) => ({ name: `${route}=: ${name}`, requestPath: `${route}=${target}` })),
  );
}

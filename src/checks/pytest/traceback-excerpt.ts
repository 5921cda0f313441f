const MAX_LINES = 16;
// The environment's own path says nothing to a reader: /…/venvs/<hash>/lib/python3.11/site-packages/.
// pytest's XML escaping writes the ESC of a colour code as the text "#x1B".
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ESC of a terminal colour code is what is matched.
const ESCAPED_ANSI = /(#x1B|\u001b)\[[0-9;]*m/g;
const SITE_PACKAGES = /^\S*\/site-packages\//;
const MAX_CHARACTERS = 3000;

// pytest's long traceback: frames separated by "_ _ _" rulers; in each frame a `>` line marks
// the failing source line, `E` lines carry the exception, and `path.py:LINE: …` names the place.
const KEPT_LINE = /^(>|E\s|\S[^\s]*:\d+:)/;

/**
 * The lines of a pytest traceback worth quoting in a report: where each frame failed and the
 * exception itself, without the local-variable dumps (a DataFrame repr can run to pages).
 */
export function tracebackExcerpt(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const kept = text
    .replace(ESCAPED_ANSI, '')
    .split('\n')
    .filter((line) => KEPT_LINE.test(line))
    .map((line) => line.replace(SITE_PACKAGES, 'site-packages/'));
  const lines = kept.length > 0 ? kept : text.trimEnd().split('\n');
  const excerpt = lines.slice(-MAX_LINES).join('\n').trimEnd();
  return excerpt.length > MAX_CHARACTERS ? `…${excerpt.slice(-MAX_CHARACTERS)}` : excerpt;
}

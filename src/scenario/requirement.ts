import pep440 from '@renovatebot/pep440';

/** A PEP 508 requirement, split into the parts the harness reasons about. */
export interface Requirement {
  name: string;
  /** Name normalized as PEP 503 says: lower case, runs of `-_.` become `-`. */
  normalizedName: string;
  extras: string[];
  specifier: string;
  url: string | undefined;
  marker: string | undefined;
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const REQUIREMENT_PATTERN = new RegExp(
  `^(?<name>${NAME})\\s*(?:\\[(?<extras>[^\\]]*)\\])?\\s*(?<rest>[^;]*?)\\s*(?:;\\s*(?<marker>.*))?$`,
);

export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// Forms pip takes beside PEP 508: a path (./pkg.whl, /wheels/x.whl, ./project), a URL, a VCS URL.
const PIP_LOCATION_PATTERN = /^(\.{1,2}\/|\/|~\/|[a-z][a-z0-9+.-]*:\/\/|[a-z]+\+[a-z]+:)/i;

/** Whether pip reads this line as a location (path, URL, VCS) rather than a PEP 508 requirement. */
export function isPipLocation(text: string): boolean {
  return PIP_LOCATION_PATTERN.test(text.trim());
}

/** Parses one PEP 508 requirement; returns a sentence saying what is wrong when it is not one. */
export function parseRequirement(text: string): Requirement | string {
  const match = REQUIREMENT_PATTERN.exec(text.trim());
  if (!match?.groups) return `"${text}" is not a PEP 508 requirement; expected e.g. "torch==2.7.1"`;
  const { name = '', extras = '', rest = '', marker } = match.groups;

  const extraNames = extras
    .split(',')
    .map((extra) => extra.trim())
    .filter(Boolean);
  const badExtra = extraNames.find((extra) => !new RegExp(`^${NAME}$`).test(extra));
  if (badExtra) return `"${text}" has an invalid extra "${badExtra}"`;
  if (marker !== undefined && marker.trim() === '')
    return `"${text}" has an empty environment marker after ";"`;

  let url: string | undefined;
  let specifier = rest.replace(/^\((.*)\)$/, '$1').trim();
  if (specifier.startsWith('@')) {
    url = specifier.slice(1).trim();
    specifier = '';
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url)) return `"${text}" has "@" but no URL after it`;
  } else if (specifier !== '' && !isValidSpecifierSet(specifier)) {
    return `"${text}" has an invalid version specifier "${specifier}"; expected e.g. "==2.1.2" or ">=4,<5"`;
  }

  return { name, normalizedName: normalizePackageName(name), extras: extraNames, specifier, url, marker };
}

function isValidSpecifierSet(specifier: string): boolean {
  return specifier.split(',').every((clause) => {
    const trimmed = clause.trim();
    // `===` (arbitrary equality) takes any string, which the range parser does not know.
    if (trimmed.startsWith('===')) return trimmed.length > 3;
    return /^(~=|==|!=|<=|>=|<|>)/.test(trimmed) && pep440.validRange(trimmed);
  });
}

/** One line of a requirements file that names a requirement, with its 1-based line number. */
export interface RequirementsFileLine {
  line: number;
  text: string;
}

/**
 * The requirement lines of a pip requirements file. Options (`-r`, `-c`, `--index-url`, …), comments
 * and blank lines are pip's business and are left out; continuation backslashes are joined.
 */
export function requirementLines(content: string): RequirementsFileLine[] {
  const lines: RequirementsFileLine[] = [];
  const physical = content.split(/\r?\n/);
  for (let index = 0; index < physical.length; index++) {
    const start = index;
    let text = physical[index] ?? '';
    while (text.endsWith('\\') && index + 1 < physical.length) {
      index++;
      text = text.slice(0, -1) + (physical[index] ?? '');
    }
    text = text.replace(/(^|\s)#.*$/, '').trim();
    if (text === '' || text.startsWith('-')) continue;
    // pip accepts per-requirement options such as `--hash=…` after the requirement itself.
    text = text.replace(/\s+--\S+.*$/, '').trim();
    lines.push({ line: start + 1, text });
  }
  return lines;
}

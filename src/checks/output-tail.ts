import { stripVTControlCharacters } from 'node:util';

const TAIL_LINES = 20;
const TAIL_CHARACTERS = 4000;

/** The last lines of a command's output, short enough to quote in a report. */
export function outputTail(text: string, lines = TAIL_LINES): string {
  const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
  return tail.length > TAIL_CHARACTERS ? `…${tail.slice(-TAIL_CHARACTERS)}` : tail;
}

// A Python exception line: `AttributeError: …`, `_pickle.UnpicklingError: …`, `numpy.core._exceptions.…`.
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b/;
const ERROR_LINE_CHARACTERS = 300;

/**
 * The line of a failed process's stderr that names the break: the last exception line of a Python
 * traceback (an exception's message can run on for lines after it), else the last line. Empty when
 * stderr is.
 */
export function errorLine(stderr: string): string {
  const lines = stripVTControlCharacters(stderr).trimEnd().split('\n');
  const line = lines.findLast((text) => EXCEPTION_LINE.test(text.trim())) ?? lines.at(-1) ?? '';
  return line.trim().slice(0, ERROR_LINE_CHARACTERS);
}

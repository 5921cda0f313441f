const TAIL_LINES = 20;
const TAIL_CHARACTERS = 4000;

/** The last lines of a command's output, short enough to quote in a report. */
export function outputTail(text: string, lines = TAIL_LINES): string {
  const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
  return tail.length > TAIL_CHARACTERS ? `…${tail.slice(-TAIL_CHARACTERS)}` : tail;
}

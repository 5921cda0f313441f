import { emptyFindings, type FileFindings } from './file-findings.js';

/** Compares two files exactly: as text (naming the first differing line) or as bytes. */
export function compareBytes(file: string, baseline: Uint8Array, candidate: Uint8Array): FileFindings {
  const findings = emptyFindings();
  if (Buffer.compare(baseline, candidate) === 0) return findings;

  const baseText = asText(baseline);
  const candText = asText(candidate);
  if (baseText !== undefined && candText !== undefined) {
    const baseLines = baseText.split('\n');
    const candLines = candText.split('\n');
    const line = baseLines.findIndex((text, index) => text !== candLines[index]);
    const at = line === -1 ? baseLines.length : line;
    findings.mismatches.push({
      file,
      at: `line ${at + 1}`,
      baseline: baseLines[at] ?? '(end of file)',
      candidate: candLines[at] ?? '(end of file)',
      message: `text differs from line ${at + 1} (${baseLines.length} → ${candLines.length} lines)`,
    });
    return findings;
  }

  let offset = 0;
  while (offset < baseline.length && baseline[offset] === candidate[offset]) offset += 1;
  findings.mismatches.push({
    file,
    at: `byte ${offset}`,
    message: `bytes differ from offset ${offset} (${baseline.length} → ${candidate.length} bytes)`,
  });
  return findings;
}

function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

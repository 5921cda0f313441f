import { type ReportFormat, readReport, renderReport } from '../report/write-report.js';
import { writeOutputFile } from './output-files.js';

export async function reportCommand(
  file: string,
  options: { format: ReportFormat; output?: string },
): Promise<number> {
  const report = await readReport(file);
  const rendered = renderReport(report, options.format);
  if (options.output) {
    await writeOutputFile(options.output, rendered);
    console.error(`Wrote ${options.output}.`);
  } else {
    process.stdout.write(rendered);
  }
  return 0;
}

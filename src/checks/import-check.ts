import { z } from 'zod';
import type { SideResult } from '../report/report-schema.js';
import { type CheckKind, checkBaseShape, runEachSide } from './check-kind.js';
import { execForSide } from './exec-side.js';

export const importCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('import'),
  modules: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'expected a module path'))
    .min(1)
    .describe('Modules imported one by one in each environment. Example: [torch, gradio]'),
});
export type ImportCheck = z.infer<typeof importCheckSchema>;

// Each module is imported in its own try block so that one broken import does not hide the others.
const IMPORT_SCRIPT = `
import importlib, json, sys, traceback
results = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
        results[name] = {"ok": True, "version": str(getattr(module, "__version__", "")) or None}
    except BaseException as error:
        lines = traceback.format_exception_only(type(error), error)
        results[name] = {"ok": False, "error": "".join(lines).strip()}
print("@@harness-import@@" + json.dumps(results))
`;

const resultLineSchema = z.record(
  z.string(),
  z.object({ ok: z.boolean(), version: z.string().nullish(), error: z.string().optional() }),
);

/** Imports each named module on both sides and reports which fail, with the exception that said why. */
export const importCheckKind: CheckKind<ImportCheck> = {
  kind: 'import',
  schema: importCheckSchema,
  async run(context) {
    const { check } = context;
    return runEachSide(context, async (environment, side): Promise<SideResult> => {
      const { result, facts } = await execForSide(context, environment, side, {
        command: [environment.paths.python, '-c', IMPORT_SCRIPT, ...check.modules],
      });
      // stdout carries the harness's own result line, not the user's output.
      const base = { ...facts, stdoutTail: undefined };

      const marker = result.stdout.split('\n').find((line) => line.startsWith('@@harness-import@@'));
      if (result.timedOut)
        return { ...base, status: 'failed', timedOut: true, message: 'importing timed out' };
      if (!marker) return { ...base, status: 'failed', message: 'the interpreter died while importing' };

      const modules = resultLineSchema.parse(JSON.parse(marker.slice('@@harness-import@@'.length)));
      const failures = Object.entries(modules).filter(([, module]) => !module.ok);
      return {
        ...base,
        status: failures.length === 0 ? 'passed' : 'failed',
        message:
          failures.length === 0
            ? `imported ${check.modules.join(', ')}`
            : failures.map(([name, module]) => `${name}: ${lastLine(module.error)}`).join('; '),
        details: { modules },
      };
    });
  },
};

function lastLine(text: string | undefined): string {
  return (text ?? 'failed').trim().split('\n').at(-1) ?? 'failed';
}

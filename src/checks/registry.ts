import { auditCheckKind, auditCheckSchema } from './audit/audit-check.js';
import { commandCheckKind, commandCheckSchema } from './command-check.js';
import { gradioCheckKind } from './gradio/gradio-check.js';
import { gradioCheckSchema } from './gradio/gradio-check-schema.js';
import { importCheckKind, importCheckSchema } from './import-check.js';
import { outputsCheckKind, outputsCheckSchema } from './outputs/outputs-check.js';
import { probeCheckKind, probeCheckSchema } from './probe/probe-check.js';
import { pytestCheckKind, pytestCheckSchema } from './pytest/pytest-check.js';
import { torchBenchCheckKind } from './torch-bench/torch-bench-check.js';
import { torchBenchCheckSchema } from './torch-bench/torch-bench-schema.js';

/**
 * Every check kind the harness knows. The scenario schema's `checks` union is built from
 * `checkSchemas`, so a kind listed in both is at once valid in scenario files and runnable.
 */
// One kind per line, so that kinds added on separate branches merge without conflict.
export const checkKinds = [
  importCheckKind,
  commandCheckKind,
  gradioCheckKind,
  pytestCheckKind,
  outputsCheckKind,
  auditCheckKind,
  probeCheckKind,
  torchBenchCheckKind,
] as const;

export const checkSchemas = [
  importCheckSchema,
  commandCheckSchema,
  gradioCheckSchema,
  pytestCheckSchema,
  outputsCheckSchema,
  auditCheckSchema,
  probeCheckSchema,
  torchBenchCheckSchema,
] as const;

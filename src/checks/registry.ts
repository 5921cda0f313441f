import { auditCheckKind, auditCheckSchema } from './audit/audit-check.js';
import { commandCheckKind, commandCheckSchema } from './command-check.js';
import { importCheckKind, importCheckSchema } from './import-check.js';
import { probeCheckKind, probeCheckSchema } from './probe/probe-check.js';

/**
 * Every check kind the harness knows. The scenario schema's `checks` union is built from
 * `checkSchemas`, so a kind listed in both is at once valid in scenario files and runnable.
 */
export const checkKinds = [importCheckKind, commandCheckKind, auditCheckKind, probeCheckKind] as const;

export const checkSchemas = [
  importCheckSchema,
  commandCheckSchema,
  auditCheckSchema,
  probeCheckSchema,
] as const;

import { commandCheckKind, commandCheckSchema } from './command-check.js';
import { importCheckKind, importCheckSchema } from './import-check.js';
import { torchBenchCheckKind } from './torch-bench/torch-bench-check.js';
import { torchBenchCheckSchema } from './torch-bench/torch-bench-schema.js';

/**
 * Every check kind the harness knows. The scenario schema's `checks` union is built from
 * `checkSchemas`, so a kind listed in both is at once valid in scenario files and runnable.
 */
export const checkKinds = [importCheckKind, commandCheckKind, torchBenchCheckKind] as const;

export const checkSchemas = [importCheckSchema, commandCheckSchema, torchBenchCheckSchema] as const;

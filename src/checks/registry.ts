import { commandCheckKind, commandCheckSchema } from './command-check.js';
import { importCheckKind, importCheckSchema } from './import-check.js';
import { outputsCheckKind, outputsCheckSchema } from './outputs/outputs-check.js';
import { pytestCheckKind, pytestCheckSchema } from './pytest/pytest-check.js';

/**
 * Every check kind the harness knows. The scenario schema's `checks` union is built from
 * `checkSchemas`, so a kind listed in both is at once valid in scenario files and runnable.
 */
export const checkKinds = [importCheckKind, commandCheckKind, pytestCheckKind, outputsCheckKind] as const;

export const checkSchemas = [
  importCheckSchema,
  commandCheckSchema,
  pytestCheckSchema,
  outputsCheckSchema,
] as const;

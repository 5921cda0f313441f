import type { z } from 'zod';

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** Looks through wrappers (optional, default…) to the schema that decides the value's shape. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'union' && def.options) current = pickUnionOption(def.options, value) ?? current;
    else return current;
    if (def.type === 'union') return current;
  }
}

function pickUnionOption(options: z.ZodType[], value: unknown): z.ZodType | undefined {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  return options.find((option) => {
    const literal = defOf(option).shape?.kind;
    return literal !== undefined && (defOf(literal).values ?? []).includes(kind);
  });
}

/**
 * The keys an object at `path` may have, read from the schema, so that an unknown key can be
 * answered with the ones that are valid there. Undefined when the path does not lead to an object.
 */
export function knownKeysAt(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  data: unknown,
): string[] | undefined {
  let current = unwrap(schema, data);
  let value = data;
  for (const segment of path) {
    const def = defOf(current);
    value = (value as Record<PropertyKey, unknown> | undefined)?.[segment];
    const next = def.type === 'object' ? def.shape?.[String(segment)] : def.element;
    if (!next) return undefined;
    current = unwrap(next, value);
  }
  const shape = defOf(current).shape;
  return shape ? Object.keys(shape) : undefined;
}

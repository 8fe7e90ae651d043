import type { z } from "zod";

/** The object schemas a schema can stand for, looking through optional, default, pipe and union. */
function objectsOf(schema: z.core.$ZodType): z.core.$ZodObject[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "object":
      return [schema as z.core.$ZodObject];
    case "optional":
    case "default":
    case "nullable":
    case "prefault":
    case "readonly":
      return objectsOf(def.innerType as z.core.$ZodType);
    case "pipe":
      return objectsOf(def.in as z.core.$ZodType);
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap(objectsOf);
    default:
      return [];
  }
}

function elementsOf(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "array":
      return [def.element as z.core.$ZodType];
    case "optional":
    case "default":
    case "nullable":
    case "prefault":
    case "readonly":
      return elementsOf(def.innerType as z.core.$ZodType);
    case "pipe":
      return elementsOf(def.in as z.core.$ZodType);
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap(elementsOf);
    default:
      return [];
  }
}

/** The schemas found at a path (numbers index lists), or [] where the path leads nowhere. */
export function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  let current: z.core.$ZodType[] = [schema];
  for (const segment of path) {
    current =
      typeof segment === "number"
        ? current.flatMap(elementsOf)
        : current.flatMap(objectsOf).flatMap((object) => {
            const field = object._zod.def.shape[String(segment)];
            return field === undefined ? [] : [field];
          });
  }
  return current;
}

/** The keys a mapping may have at a path of the schema. */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path)
    .flatMap(objectsOf)
    .flatMap((object) => Object.keys(object._zod.def.shape));
  return [...new Set(keys)];
}

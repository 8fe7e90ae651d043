/**
 * A plan of a zod schema: its tree as plain data (schema-walk.ts's `schemaPlan` writes
 * it), which `parseByPlan` follows to parse a value as the schema would, without building
 * the schema. Building the scenario schema's 300 zod objects, and loading zod for them,
 * took 3-5 ms of a 140 ms CLI run; a valid file now never needs them. Anything the plan cannot say for sure ends in
 * `undefined`, and the caller asks the schema itself, which also words every problem.
 */

/** A check on a number, a string or a list, as zod defines it. */
export type PlanCheck =
  | { check: "greater_than" | "less_than"; value: number; inclusive: boolean }
  | { check: "min_length"; minimum: number }
  | { check: "regex"; source: string; flags: string }
  | { check: "safeint" }
  /** A refinement, by the name its function has in `PlanFunctions.checks`. */
  | { check: "custom"; name: string };

/** One zod schema; children are indexes into `SchemaPlan.nodes`, so a shared schema is one node. */
export type PlanNode =
  | { type: "number" | "string"; checks: PlanCheck[] }
  | { type: "boolean" }
  | { type: "enum"; values: string[] }
  /** Only as a field of an object, as the scenario schema uses them. */
  | { type: "optional"; inner: number }
  | { type: "default"; inner: number; value: string | number | boolean }
  /** A strict object: a key outside `shape` fails. */
  | { type: "object"; shape: Record<string, number> }
  | { type: "array"; element: number; checks: PlanCheck[] }
  | { type: "record"; key: number; value: number }
  | { type: "union"; options: number[] }
  | { type: "pipe"; in: number; out: number }
  | { type: "transform"; name: string };

/** The plan of a schema; its root is `nodes[0]`. */
export interface SchemaPlan {
  nodes: PlanNode[];
}

/** A transform's view of the parse: the issues it may add, as zod's payload has them. */
export interface TransformContext {
  value: unknown;
  issues: unknown[];
}

/** The functions a plan names: the schema's refinements and transforms, the very ones the schema holds. */
export interface PlanFunctions {
  checks: Readonly<Record<string, (value: never) => boolean>>;
  /** Each is called with a `TransformContext`. */
  transforms: Readonly<Record<string, (value: never, context: never) => unknown>>;
}

/** The schema would fail here: a union tries its next option. */
const FAILS = Symbol("fails");
/** Something the plan does not model (a symbol key, a class instance): only the schema can say. */
const UNSURE = Symbol("unsure");
type Outcome = typeof FAILS | typeof UNSURE;

/**
 * `value` parsed by the plan: what the schema's `safeParse` gives as `data`, or undefined
 * where it would fail or the plan cannot tell. The value is never changed.
 */
export function parseByPlan(plan: SchemaPlan, functions: PlanFunctions, value: unknown, node = 0): { value: unknown } | undefined {
  const parsed = new PlanParser(plan, functions).parse(node, value);
  return parsed === FAILS || parsed === UNSURE ? undefined : { value: parsed };
}

/** The nodes a node can stand for, looking through optional, default, pipe (its input) and union, as schema-walk.ts's `unwrapped`. */
function unwrappedNodes(plan: SchemaPlan, index: number): number[] {
  const node = plan.nodes[index]!;
  switch (node.type) {
    case "optional":
    case "default":
      return unwrappedNodes(plan, node.inner);
    case "pipe":
      return unwrappedNodes(plan, node.in);
    case "union":
      return node.options.flatMap((option) => unwrappedNodes(plan, option));
    default:
      return [index];
  }
}

/** The nodes found at a path (numbers index lists), as schema-walk.ts's `schemasAt`; [] where the path leads nowhere. */
function nodesAt(plan: SchemaPlan, path: readonly PropertyKey[]): number[] {
  let current = [0];
  for (const segment of path) {
    current = current
      .flatMap((index) => unwrappedNodes(plan, index))
      .flatMap((index) => {
        const node = plan.nodes[index]!;
        if (typeof segment === "number") return node.type === "array" ? [node.element] : [];
        return node.type === "object" && Object.hasOwn(node.shape, String(segment)) ? [node.shape[String(segment)]!] : [];
      });
  }
  return current.flatMap((index) => unwrappedNodes(plan, index));
}

/**
 * The kinds of value the plan takes at a path, as schema-walk.ts's `kindsAt` finds them in
 * the schema: `--set` resolves its path by them without building the schema.
 */
export function planKindsAt(plan: SchemaPlan, path: readonly PropertyKey[]): Set<"object" | "record" | "array" | "leaf"> {
  const kinds = new Set<"object" | "record" | "array" | "leaf">();
  for (const index of nodesAt(plan, path)) {
    const type = plan.nodes[index]!.type;
    kinds.add(type === "object" || type === "record" || type === "array" ? type : "leaf");
  }
  return kinds;
}

/** The keys a mapping may have at a path of the plan, as schema-walk.ts's `keysAt`. */
export function planKeysAt(plan: SchemaPlan, path: readonly PropertyKey[]): string[] {
  const keys = nodesAt(plan, path).flatMap((index) => {
    const node = plan.nodes[index]!;
    return node.type === "object" ? Object.keys(node.shape) : [];
  });
  return [...new Set(keys)];
}

/** What a schema allows for a plain number at a path: whole numbers only, and its bounds. */
export interface NumberLeaf {
  integer: boolean;
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
}

/** The number the plan takes at a path (not the range form), as schema-walk.ts's `numberLeafAt`; undefined where it takes none. */
export function planNumberLeafAt(plan: SchemaPlan, path: readonly PropertyKey[]): NumberLeaf | undefined {
  const number = nodesAt(plan, path)
    .map((index) => plan.nodes[index]!)
    .find((node): node is Extract<PlanNode, { type: "number" | "string" }> => node.type === "number");
  if (number === undefined) return undefined;
  const leaf: NumberLeaf = { integer: false };
  for (const check of number.checks) {
    if (check.check === "safeint") leaf.integer = true;
    if (check.check === "greater_than") leaf.min = { value: check.value, inclusive: check.inclusive };
    if (check.check === "less_than") leaf.max = { value: check.value, inclusive: check.inclusive };
  }
  return leaf;
}

/**
 * The node of the field at a path, as schema-walk.ts's `fieldSchemaAt` finds its schema:
 * each container on the way an object or a list (through optional and default) with no
 * check but a list's length. Undefined where the path passes anything else.
 */
export function planFieldAt(plan: SchemaPlan, path: readonly PropertyKey[]): number | undefined {
  let field = 0;
  for (const segment of path) {
    let container = plan.nodes[field]!;
    while (container.type === "optional" || container.type === "default") container = plan.nodes[container.inner]!;
    let next: number | undefined;
    if (typeof segment === "number") {
      if (container.type === "array" && container.checks.every((check) => check.check === "min_length")) next = container.element;
    } else if (container.type === "object" && Object.hasOwn(container.shape, String(segment))) {
      next = container.shape[String(segment)];
    }
    if (next === undefined) return undefined;
    field = next;
  }
  return field;
}

class PlanParser {
  private readonly patterns = new Map<PlanCheck, RegExp>();

  constructor(
    private readonly plan: SchemaPlan,
    private readonly functions: PlanFunctions,
  ) {}

  parse(index: number, value: unknown): unknown {
    const node = this.plan.nodes[index]!;
    switch (node.type) {
      case "number":
        return typeof value === "number" && Number.isFinite(value) ? this.checked(node.checks, value) : FAILS;
      case "string":
        return typeof value === "string" ? this.checked(node.checks, value) : FAILS;
      case "boolean":
        return typeof value === "boolean" ? value : FAILS;
      case "enum":
        return node.values.includes(value as string) ? value : FAILS;
      case "optional":
        return value === undefined ? undefined : this.parse(node.inner, value);
      case "default":
        return value === undefined ? node.value : this.defaulted(node, this.parse(node.inner, value));
      case "object":
        return this.object(node.shape, value);
      case "array":
        return this.array(node, value);
      case "record":
        return this.record(node, value);
      case "union":
        return this.union(node.options, value);
      case "pipe": {
        const left = this.parse(node.in, value);
        return isOutcome(left) ? left : this.parse(node.out, left);
      }
      case "transform": {
        const context: TransformContext = { value, issues: [] };
        const output = this.functions.transforms[node.name]!(value as never, context as never);
        return context.issues.length > 0 ? FAILS : output;
      }
    }
  }

  /** zod puts the default in place of an inner result of undefined too. */
  private defaulted(node: Extract<PlanNode, { type: "default" }>, parsed: unknown): unknown {
    return parsed === undefined ? node.value : parsed;
  }

  private checked(checks: readonly PlanCheck[], value: unknown): unknown {
    for (const check of checks) if (!this.passes(check, value)) return FAILS;
    return value;
  }

  private passes(check: PlanCheck, value: unknown): boolean {
    switch (check.check) {
      case "greater_than":
        return check.inclusive ? (value as number) >= check.value : (value as number) > check.value;
      case "less_than":
        return check.inclusive ? (value as number) <= check.value : (value as number) < check.value;
      case "min_length":
        return (typeof value === "string" ? codePoints(value) : (value as unknown[]).length) >= check.minimum;
      case "regex":
        return this.pattern(check).test(value as string);
      case "safeint":
        return Number.isSafeInteger(value);
      case "custom":
        return Boolean(this.functions.checks[check.name]!(value as never));
    }
  }

  private pattern(check: Extract<PlanCheck, { check: "regex" }>): RegExp {
    let pattern = this.patterns.get(check);
    if (pattern === undefined) {
      pattern = new RegExp(check.source, check.flags);
      this.patterns.set(check, pattern);
    }
    pattern.lastIndex = 0;
    return pattern;
  }

  /** As zod's strict object: fields in the shape's order, an absent optional left out, an absent default put in. */
  private object(shape: Readonly<Record<string, number>>, value: unknown): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return FAILS;
    if (!isPlainObject(value)) return UNSURE;
    const input = value as Record<string, unknown>;
    for (const key in input) if (!Object.hasOwn(shape, key)) return FAILS;
    const output: Record<string, unknown> = {};
    for (const [key, index] of Object.entries(shape)) {
      const field = this.plan.nodes[index]!;
      if (!(key in input)) {
        if (field.type === "optional") continue;
        if (field.type !== "default") return FAILS;
      }
      const parsed = this.parse(index, input[key]);
      if (isOutcome(parsed)) return parsed;
      output[key] = parsed;
    }
    return output;
  }

  private array(node: Extract<PlanNode, { type: "array" }>, value: unknown): unknown {
    if (!Array.isArray(value)) return FAILS;
    const output: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const parsed = this.parse(node.element, value[i]);
      if (isOutcome(parsed)) return parsed;
      output[i] = parsed;
    }
    return this.checked(node.checks, output);
  }

  private record(node: Extract<PlanNode, { type: "record" }>, value: unknown): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return FAILS;
    if (!isPlainObject(value)) return UNSURE;
    const output: Record<string, unknown> = {};
    for (const key of Reflect.ownKeys(value)) {
      // zod skips a `__proto__` or non-enumerable key and runs the key's schema on a symbol: not worth mirroring.
      if (typeof key !== "string" || key === "__proto__" || !Object.prototype.propertyIsEnumerable.call(value, key)) return UNSURE;
      // zod retries a failed key as a number, which a key of strings (schemaPlan checks it is one) fails too.
      const parsedKey = this.parse(node.key, key);
      if (isOutcome(parsedKey)) return parsedKey;
      const parsed = this.parse(node.value, (value as Record<string, unknown>)[key]);
      if (isOutcome(parsed)) return parsed;
      output[key] = parsed;
    }
    return output;
  }

  /** The first option that takes the value, as zod's union. */
  private union(options: readonly number[], value: unknown): unknown {
    for (const option of options) {
      const parsed = this.parse(option, value);
      if (parsed !== FAILS) return parsed;
    }
    return FAILS;
  }
}

/** A string's length as zod's min_length counts it: a surrogate pair is one character, a lone surrogate one too. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

function isOutcome(parsed: unknown): parsed is Outcome {
  return parsed === FAILS || parsed === UNSURE;
}

/** An object of the kind YAML and JSON make, whose keys are all there is to it. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

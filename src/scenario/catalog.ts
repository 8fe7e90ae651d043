/**
 * The model price catalog (data/models.yaml): dated, sourced token prices.
 *
 * Pure functions only: the caller reads the file and passes its text, and passes
 * "today" where staleness matters, so the same input always gives the same answer.
 */
import * as z from "zod/mini";
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument } from "yaml";
import type { Document } from "yaml";

/** One dated price of a model: money per 1M tokens, in `currency`. */
export interface PricePoint {
  /** ISO date (YYYY-MM-DD) from which this price applies. */
  effective: string;
  currency: string;
  input: number;
  /** Only where the provider publishes a cache-hit price. */
  cachedInput?: number;
  output: number;
  /** true when `source` is the provider's own page or paper. */
  official: boolean;
  source: string;
}

export interface CatalogModel {
  id: string;
  provider: string;
  note?: string;
  /** Oldest first, strictly increasing `effective` dates. */
  prices: PricePoint[];
}

export interface Catalog {
  models: CatalogModel[];
}

/** A single price resolved for one model: what `inference.model` stands for. */
export interface CatalogPrice {
  id: string;
  provider: string;
  effective: string;
  currency: string;
  input: number;
  cachedInput?: number;
  output: number;
  official: boolean;
  source: string;
}

export interface CatalogIssue {
  /** Dotted path of the field, e.g. "models.3.prices.0.effective"; "" for the whole document. */
  path: string;
  message: string;
  /** 1-based position in the file, where known. */
  line?: number;
  column?: number;
}

/**
 * Anything wrong with a catalog, a price map or a model reference that the user can
 * fix. Kept local so this module has no dependency on the CLI's error types; the
 * CLI maps it to its UserError.
 */
export class CatalogError extends Error {
  override readonly name = "CatalogError";
  readonly issues: CatalogIssue[];
  readonly hint: string | undefined;

  constructor(message: string, issues: CatalogIssue[] = [], hint?: string) {
    super(message);
    this.issues = issues;
    this.hint = hint;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2024-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The file's schemas, written with zod/mini like the scenario schema (no classic zod in
 * the bundle) and built on the first parse: a run that names no model never pays for them.
 * zod/mini ships no English messages, so every check carries its own.
 */
function buildSchemas() {
  const expected = (what: string) => ({ error: (issue: { input?: unknown }) => `expected ${what}, found ${describe(issue.input)}` });
  const text = (what: string) => z.string(expected(what));
  const isoDate = text("a date written YYYY-MM-DD").check(z.refine(isIsoDate, { error: "expected a calendar date written YYYY-MM-DD" }));
  const perMillion = () => z.number(expected("a price per 1M tokens")).check(z.gte(0, expected("a price >= 0")));
  const pricePoint = z.strictObject(
    {
      effective: isoDate,
      currency: text("a currency code").check(z.regex(/^[A-Z]{3}$/, { error: "expected a 3-letter ISO 4217 code such as USD or CNY" })),
      input: perMillion(),
      cached_input: z.optional(perMillion()),
      output: perMillion(),
      official: z.boolean(expected("true or false")),
      source: text("a source").check(z.trim(), z.minLength(1, { error: "expected where the price was published" })),
    },
    expected("a mapping"),
  );
  const model = z.strictObject(
    {
      id: text("an id").check(z.regex(/^\S+$/, { error: "expected a non-empty id without spaces" })),
      provider: text("a provider").check(z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: "expected a lowercase provider slug such as deepseek" })),
      note: z.optional(text("a note")),
      prices: z.array(pricePoint, expected("a list of dated prices")).check(z.minLength(1, { error: "expected at least one dated price" })),
    },
    expected("a mapping"),
  );
  const catalog = z.strictObject(
    { models: z.array(model, expected("a list of models")).check(z.minLength(1, { error: "expected at least one model" })) },
    expected("a mapping with a models list"),
  );
  return { pricePoint, model, catalog };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;

function catalogSchemas(): ReturnType<typeof buildSchemas> {
  schemas ??= buildSchemas();
  return schemas;
}

/** A found value in a message, as the YAML showed it. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "a list" : "a mapping";
}

type CatalogFile = z.infer<ReturnType<typeof buildSchemas>["catalog"]>;

/** Keys each level of the file accepts, for "did you mean" on unknown keys. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const { catalog, model, pricePoint } = catalogSchemas();
  if (path.length === 0) return Object.keys(catalog.shape);
  if (path.length === 2) return Object.keys(model.shape);
  if (path.length === 4) return Object.keys(pricePoint.shape);
  return [];
}

/** Levenshtein edit distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      current.push(Math.min(substitution, deletion, insertion));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The `max` candidates nearest to `word` by edit distance, ignoring case (a wrong
 * case should not push the right id down the list); ties in alphabetical order.
 */
export function closest(word: string, candidates: readonly string[], max: number): string[] {
  const needle = word.toLowerCase();
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0))
    .slice(0, Math.max(0, max))
    .map((entry) => entry.candidate);
}

/**
 * A close-enough key to suggest: a shortened key ("cached" for "cached_input"), or one
 * with at most a third of its letters wrong; otherwise no guess beats a wrong guess.
 */
function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const needle = word.toLowerCase();
  const shortened = candidates.find((candidate) => needle.length >= 3 && candidate.toLowerCase().startsWith(needle));
  if (shortened !== undefined) return shortened;
  const [best] = closest(word, candidates, 1);
  if (best === undefined) return undefined;
  return editDistance(needle, best.toLowerCase()) <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Line and column of the node at `path` (or of the key `key` inside it). */
function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): { line?: number; column?: number } {
  let node: unknown = doc.getIn(path as unknown[], true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    node = pair?.key;
  }
  if (path.length === 0 && key === undefined) node = doc.contents;
  if (!isNode(node) || !node.range) return {};
  const { line, col } = lineCounter.linePos(node.range[0]);
  return { line, column: col };
}

function issueLine(file: string, issue: CatalogIssue): string {
  if (issue.path !== "") return `${file}: ${issue.path}: ${issue.message}`;
  const where = issue.line !== undefined ? `:${issue.line}:${issue.column ?? 1}` : "";
  return `${file}${where}: ${issue.message}`;
}

function catalogError(file: string, issues: CatalogIssue[]): CatalogError {
  return new CatalogError(issues.map((issue) => issueLine(file, issue)).join("\n"), issues);
}

function schemaIssues(error: z.core.$ZodError, doc: Document, lineCounter: LineCounter): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, knownKeysAt(issue.path));
        issues.push({
          path: dottedPath([...issue.path, key]),
          message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
          ...locate(doc, lineCounter, issue.path, key),
        });
      }
      continue;
    }
    issues.push({
      path: dottedPath(issue.path),
      message: issue.message,
      ...locate(doc, lineCounter, issue.path),
    });
  }
  return issues;
}

/** Rules across fields that the shape schema cannot express. */
function crossFieldIssues(data: CatalogFile, doc: Document, lineCounter: LineCounter): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const firstIndexOfId = new Map<string, number>();
  data.models.forEach((model, m) => {
    const seen = firstIndexOfId.get(model.id);
    if (seen !== undefined) {
      issues.push({
        path: `models.${m}.id`,
        message: `duplicate id "${model.id}" (first at models.${seen}); put all its prices in one list`,
        ...locate(doc, lineCounter, ["models", m, "id"]),
      });
    } else {
      firstIndexOfId.set(model.id, m);
    }
    model.prices.forEach((price, p) => {
      const before = model.prices[p - 1];
      if (before && price.effective <= before.effective) {
        issues.push({
          path: `models.${m}.prices.${p}.effective`,
          message: `${price.effective} is not after the previous price's ${before.effective}; list prices oldest first, one per date`,
          ...locate(doc, lineCounter, ["models", m, "prices", p, "effective"]),
        });
      }
      // A cache hit above the full price is a typo (likely a swapped column), not a tariff.
      if (price.cached_input !== undefined && price.cached_input > price.input) {
        issues.push({
          path: `models.${m}.prices.${p}.cached_input`,
          message: `cached_input ${price.cached_input} is above input ${price.input}`,
          ...locate(doc, lineCounter, ["models", m, "prices", p, "cached_input"]),
        });
      }
    });
  });
  return issues;
}

function toPricePoint(price: CatalogFile["models"][number]["prices"][number]): PricePoint {
  return {
    effective: price.effective,
    currency: price.currency,
    input: price.input,
    ...(price.cached_input !== undefined ? { cachedInput: price.cached_input } : {}),
    output: price.output,
    official: price.official,
    source: price.source,
  };
}

/**
 * Parse and validate the text of a catalog file. Every problem is reported at once,
 * one per line as `file: path: problem`; the issues also carry line and column.
 */
export function parseCatalog(text: string, file: string): Catalog {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw catalogError(
      file,
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: "", message: `invalid YAML: ${error.message}`, line, column: col };
      }),
    );
  }
  const parsed = catalogSchemas().catalog.safeParse(doc.toJS());
  if (!parsed.success) throw catalogError(file, schemaIssues(parsed.error, doc, lineCounter));
  const crossIssues = crossFieldIssues(parsed.data, doc, lineCounter);
  if (crossIssues.length > 0) throw catalogError(file, crossIssues);
  return {
    models: parsed.data.models.map((model) => ({
      id: model.id,
      provider: model.provider,
      ...(model.note !== undefined ? { note: model.note } : {}),
      prices: model.prices.map(toPricePoint),
    })),
  };
}

function resolved(model: CatalogModel, price: PricePoint): CatalogPrice {
  return { id: model.id, provider: model.provider, ...price };
}

/** The newest price with `effective <= date`, or undefined before the first one. */
export function priceInForce(model: CatalogModel, date: string): PricePoint | undefined {
  let found: PricePoint | undefined;
  for (const price of model.prices) {
    if (price.effective <= date) found = price;
  }
  return found;
}

/** Split `id@YYYY-MM-DD` at its last "@" (LiteLLM ids such as "cloudflare/@cf/..." contain "@"). */
function splitRef(ref: string): { id: string; date: string } | undefined {
  const at = ref.lastIndexOf("@");
  if (at <= 0) return undefined;
  return { id: ref.slice(0, at), date: ref.slice(at + 1) };
}

function unknownModel(id: string, catalog: Catalog): CatalogError {
  const suggestions = closest(
    id,
    catalog.models.map((model) => model.id),
    3,
  );
  const list = suggestions.length > 0 ? `; closest ids: ${suggestions.join(", ")}` : "";
  return new CatalogError(
    `unknown model "${id}"${list}`,
    [],
    "`llm-cac models` lists every id in the catalog",
  );
}

/**
 * The price a model reference stands for: `id` is the newest price, `id@YYYY-MM-DD`
 * the price in force on that date (the newest with `effective <= date`).
 */
export function findModelPrice(catalog: Catalog, ref: string): CatalogPrice {
  const byId = new Map(catalog.models.map((model) => [model.id, model]));
  const exact = byId.get(ref);
  if (exact) return resolved(exact, exact.prices[exact.prices.length - 1] as PricePoint);

  const parts = splitRef(ref);
  if (!parts) throw unknownModel(ref, catalog);
  const model = byId.get(parts.id);
  if (!model) throw unknownModel(parts.id, catalog);
  if (!isIsoDate(parts.date)) {
    throw new CatalogError(`"${ref}": "${parts.date}" is not a date; write ${parts.id}@YYYY-MM-DD`);
  }
  const price = priceInForce(model, parts.date);
  if (!price) {
    const first = model.prices[0]?.effective ?? "";
    throw new CatalogError(
      `"${ref}": the catalog has no price for ${model.id} before ${first}`,
      [],
      `use a date on or after ${first}`,
    );
  }
  return resolved(model, price);
}

/** The same calendar day twelve months earlier; 29 Feb falls back to 28 Feb. */
function twelveMonthsBefore(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const lastDayOfMonth = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  const dd = Math.min(day, lastDayOfMonth);
  return `${String(year - 1).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

/**
 * True when the price took effect more than 12 months before `today`: it may have
 * changed since (API prices fell about 10x a year in 2024-25). Exactly 12 months
 * old is not yet stale.
 */
export function isStale(price: Pick<PricePoint, "effective">, today: string): boolean {
  if (!isIsoDate(today)) throw new CatalogError(`"${today}" is not a date written YYYY-MM-DD`);
  return price.effective < twelveMonthsBefore(today);
}

/**
 * A catalog with more models added (e.g. from a LiteLLM price map). An id in both
 * keeps one merged price history; on the same date the added price wins, since the
 * user asked for that source explicitly.
 */
export function mergeCatalogs(base: Catalog, added: readonly CatalogModel[]): Catalog {
  const merged = new Map<string, CatalogModel>(base.models.map((model) => [model.id, model]));
  for (const model of added) {
    const existing = merged.get(model.id);
    if (!existing) {
      merged.set(model.id, model);
      continue;
    }
    const byDate = new Map(existing.prices.map((price) => [price.effective, price]));
    for (const price of model.prices) byDate.set(price.effective, price);
    const prices = [...byDate.values()].sort((a, b) => (a.effective < b.effective ? -1 : 1));
    merged.set(model.id, { ...existing, prices });
  }
  return { models: [...merged.values()] };
}

/**
 * A fingerprint of a catalog file's text (32-bit FNV-1a and the length): the build stores
 * it with a parsed copy of data/models.yaml, so that a run can tell whether that copy is
 * still the file's and skip parsing the YAML, which costs more than the rest of a run.
 */
export function catalogFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}

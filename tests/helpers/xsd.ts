import type { XmlElement } from "./xml.js";

/**
 * The rules of a small XSD such as Jenkins' junit-10.xsd (tests/fixtures/junit), read from
 * its text: each top-level element's attributes (which are required, which are of a pattern
 * type), the elements it may contain and whether it may hold text. Enough to validate a
 * report against the file itself without an XML schema library; an XSD construct outside
 * this subset throws rather than being ignored.
 */
interface ElementRule {
  attributes: Map<string, { required: boolean; pattern?: RegExp }>;
  children: Set<string>;
  text: boolean;
}

export function readXsd(xsd: string): Map<string, ElementRule> {
  const text = xsd.replace(/<!--[\s\S]*?-->/g, "");
  const patterns = new Map<string, RegExp>();
  for (const match of text.matchAll(
    /<xs:simpleType name="([\w-]+)">\s*<xs:restriction base="xs:string">\s*<xs:pattern value="([^"]+)"\/>/g,
  )) {
    // An XSD pattern matches the whole value.
    patterns.set(match[1]!, new RegExp(`^(?:${match[2]!})$`));
  }
  const complexTypes = new Map<string, string>();
  for (const match of text.matchAll(/^ {4}<xs:complexType name="([\w-]+)"([^>]*)>[ \t]*\n([\s\S]*?)^ {4}<\/xs:complexType>/gm))
    complexTypes.set(match[1]!, `${match[2]!}>${match[3]!}`);
  const rules = new Map<string, ElementRule>();
  for (const match of text.matchAll(
    /^ {4}<xs:element name="([\w-]+)"(?: type="([\w:-]+)")?\s*(?:\/>|>[ \t]*\n([\s\S]*?)^ {4}<\/xs:element>)/gm,
  )) {
    const [, name, type, body] = match;
    if (type === "xs:string") rules.set(name!, { attributes: new Map(), children: new Set(), text: true });
    else if (type !== undefined) rules.set(name!, ruleOf(complexTypes.get(type) ?? unknown(type), patterns, true));
    else rules.set(name!, ruleOf(body!, patterns, false));
  }
  return rules;
}

function unknown(type: string): never {
  throw new Error(`the XSD reader does not know the type ${type}`);
}

function ruleOf(body: string, patterns: Map<string, RegExp>, nestedNamed: boolean): ElementRule {
  const attributes = new Map<string, { required: boolean; pattern?: RegExp }>();
  for (const match of body.matchAll(/<xs:attribute name="([\w-]+)" type="([\w:-]+)"\s*(use="required")?/g)) {
    const pattern = match[2] === "xs:string" ? undefined : (patterns.get(match[2]!) ?? unknown(match[2]!));
    attributes.set(match[1]!, { required: match[3] !== undefined, ...(pattern === undefined ? {} : { pattern }) });
  }
  const children = new Set([...body.matchAll(/<xs:element ref="([\w-]+)"/g)].map((match) => match[1]!));
  // A named complex type declares its child elements inline (rerunType's stackTrace ...).
  if (nestedNamed) for (const match of body.matchAll(/<xs:element name="([\w-]+)"/g)) children.add(match[1]!);
  return { attributes, children, text: /mixed="true"/.test(body) };
}

/** Every way `element` breaks the rules, as `path: problem` lines; [] when it is valid. */
export function xsdProblems(element: XmlElement, rules: Map<string, ElementRule>, path = element.name): string[] {
  const rule = rules.get(element.name);
  if (rule === undefined) return [`${path}: <${element.name}> is not an element of the schema`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(element.attributes)) {
    const attribute = rule.attributes.get(name);
    if (attribute === undefined) problems.push(`${path}: attribute ${name} is not allowed`);
    else if (attribute.pattern !== undefined && !attribute.pattern.test(value))
      problems.push(`${path}: ${name}="${value}" does not match ${attribute.pattern}`);
  }
  for (const [name, attribute] of rule.attributes)
    if (attribute.required && !(name in element.attributes)) problems.push(`${path}: attribute ${name} is required`);
  if (!rule.text && element.text.trim() !== "") problems.push(`${path}: text is not allowed in <${element.name}>`);
  element.children.forEach((child, index) => {
    if (!rule.children.has(child.name)) problems.push(`${path}: <${child.name}> is not allowed in <${element.name}>`);
    else problems.push(...xsdProblems(child, rules, `${path}/${child.name}[${index}]`));
  });
  return problems;
}

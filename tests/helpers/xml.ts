/**
 * A strict reader for the XML subset reports use (a declaration, elements, attributes,
 * text, the five named entities and character references): enough to prove a report well
 * formed and to count its elements, without an XML dependency. Anything outside the
 * subset, or malformed, throws with the offset.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_][\w.-]*/y;
const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseXml(text: string): XmlElement {
  if (NOT_XML_CHAR.test(text)) throw new Error(`a character XML cannot hold at ${text.search(NOT_XML_CHAR)}`);
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}: ${JSON.stringify(text.slice(at, at + 30))}`);
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (!match) fail("expected a name");
    at += match![0].length;
    return match![0];
  };
  /** Character data up to `stop`, entities decoded; a bare `&` or `<` is an error. */
  const characters = (stop: string): string => {
    let out = "";
    while (at < text.length && !text.startsWith(stop, at)) {
      const char = text[at]!;
      if (char === "<") fail("a bare < in character data");
      if (char === "&") {
        ENTITY.lastIndex = at;
        const match = ENTITY.exec(text);
        if (!match) fail("a bare & (not an entity)");
        const entity = match![1]!;
        out += entity.startsWith("#x")
          ? String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
          : entity.startsWith("#")
            ? String.fromCodePoint(Number(entity.slice(1)))
            : NAMED[entity]!;
        at += match![0].length;
      } else {
        out += char;
        at++;
      }
    }
    return out;
  };
  const element = (): XmlElement => {
    if (text[at] !== "<") fail("expected <");
    at++;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: "" };
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith("/>", at)) {
        at += 2;
        return node;
      }
      if (text[at] === ">") {
        at++;
        break;
      }
      if (at === before) fail("expected a space before an attribute");
      const key = name();
      if (key in node.attributes) fail(`attribute ${key} given twice`);
      if (text[at] !== "=") fail("expected =");
      at++;
      const quote = text[at];
      if (quote !== '"' && quote !== "'") fail("expected a quoted attribute value");
      at++;
      node.attributes[key] = characters(quote!);
      if (text[at] !== quote) fail("an unterminated attribute value");
      at++;
    }
    for (;;) {
      node.text += characters("<");
      if (at >= text.length) fail(`<${node.name}> is never closed`);
      if (text.startsWith("</", at)) {
        at += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (text[at] !== ">") fail("expected >");
        at++;
        return node;
      }
      node.children.push(element());
    }
  };

  if (text.startsWith("<?xml")) {
    const end = text.indexOf("?>");
    if (end < 0) fail("an unterminated XML declaration");
    at = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== text.length) fail("content after the root element");
  return root;
}

/** Every element named `name` in the tree, depth first. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => findAll(child, name))];
}

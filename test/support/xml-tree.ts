/** An element of a parsed XML document. */
export type XmlElement = Readonly<{
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: readonly (XmlElement | string)[];
}>;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const TOKEN = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;

const decode = (text: string): string =>
  text.replace(/&([^;\s]{1,6});/g, (_, entity: string) => {
    if (!(entity in ENTITIES)) throw new Error(`unknown entity &${entity};`);
    return ENTITIES[entity];
  });

/**
 * A strict parser for the XML subset an SVG uses (elements, double-quoted attributes, text, the
 * five entities): throws on anything not well-formed, so a test fails on a broken drawing.
 */
export function parseXml(source: string): XmlElement {
  const stack: { name: string; attributes: Record<string, string>; children: (XmlElement | string)[] }[] = [];
  let root: XmlElement | null = null;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match || match.index !== start)
      throw new Error(`not well-formed at offset ${start}: ${source.slice(start, start + 40)}`);
    const [, closing, name, rawAttributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
      stack.at(-1)?.children.push(decode(text));
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      if (stack.length === 0) root = open;
      else stack.at(-1)?.children.push(open);
      continue;
    }
    const attributes = Object.fromEntries(
      [...rawAttributes.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key, decode(value)]),
    );
    const element = { name, attributes, children: [] as (XmlElement | string)[] };
    if (selfClosing) (stack.at(-1)?.children ?? []).push(element);
    else stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  return root;
}

/** Every element named `name` under `element`, depth first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const below = element.children.flatMap((child) => (typeof child === 'string' ? [] : findAll(child, name)));
  return element.name === name ? [element, ...below] : below;
}

export const textOf = (element: XmlElement): string =>
  element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');

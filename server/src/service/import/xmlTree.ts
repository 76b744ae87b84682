/**
 * A small, safe element tree over `fast-xml-parser`. Entities are not expanded by the parser
 * (`processEntities: false`): a document type's entity declarations are never applied, so neither
 * entity bombs nor external entities can do anything; only XML's five built-in entities and
 * character references are decoded here. CDATA is kept literally. Nesting deeper than the parser's
 * limit is an error, not a crash.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportError } from './importedPlan';

/** One element: its attributes (in document order), child elements and text. */
export interface XmlElement {
  tag: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, concatenated, with surrounding whitespace kept. */
  text: string;
}

/** The nodes of fast-xml-parser's `preserveOrder` output. */
type OrderedNode = { [key: string]: OrderedNode[] | string | Record<string, string> | undefined };

const BUILT_IN: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's built-in entities and character references; any other `&name;` stays as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return BUILT_IN[name] ?? whole;
  });
}

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

function textOf(nodes: OrderedNode[] | undefined): string {
  return (nodes ?? []).map((node) => (typeof node['#text'] === 'string' ? node['#text'] : '')).join('');
}

function toElement(node: OrderedNode): XmlElement | undefined {
  const tag = Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
  if (tag === undefined) return undefined;
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries((node[':@'] as Record<string, string> | undefined) ?? {})) {
    attributes.set(name, decodeEntities(String(value)));
  }
  const element: XmlElement = { tag, attributes, children: [], text: '' };
  for (const child of (node[tag] as OrderedNode[] | undefined) ?? []) {
    if (typeof child['#text'] === 'string') element.text += decodeEntities(child['#text']);
    else if (Array.isArray(child['#cdata'])) element.text += textOf(child['#cdata']);
    else {
      const nested = toElement(child);
      if (nested) element.children.push(nested);
    }
  }
  return element;
}

/**
 * The validator's message on one short line: its list of unclosed tags (one per element, so
 * 800 KB for a large file) becomes a count and the first and last tag.
 */
function oneLine(message: string): string {
  const unclosed = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(message.trim());
  if (unclosed) {
    let tags: unknown;
    try {
      tags = JSON.parse(unclosed[1]!);
    } catch {
      tags = undefined;
    }
    if (Array.isArray(tags) && tags.length > 0) {
      const first = String(tags[0]);
      const last = String(tags[tags.length - 1]);
      return tags.length === 1
        ? `the tag <${first}> is not closed`
        : `${tags.length.toLocaleString('en-US')} tags are not closed, from <${first}> to <${last}>`;
    }
  }
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** Parses an XML document and returns its root element; malformed XML is an ImportError. */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ImportError(
      `the XML is not well-formed: ${oneLine(valid.err.msg)} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  let nodes: OrderedNode[];
  try {
    nodes = PARSER.parse(xml) as OrderedNode[];
  } catch (error) {
    throw new ImportError(
      `the XML could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  for (const node of nodes) {
    const element = toElement(node);
    if (element) return element;
  }
  throw new ImportError('the XML has no root element');
}

/** The child elements of `element` with this tag. */
export function childrenNamed(element: XmlElement | undefined, tag: string): XmlElement[] {
  return element ? element.children.filter((child) => child.tag === tag) : [];
}

/** The first child element of `element` with this tag. */
export function childNamed(element: XmlElement | undefined, tag: string): XmlElement | undefined {
  return element?.children.find((child) => child.tag === tag);
}

/** `tag name="value" ...` and the text, one line per element, indented by depth: an element kept as a comment. */
export function outline(element: XmlElement, depth = 0): string[] {
  const attributes = [...element.attributes].map(([name, value]) => ` ${name}="${value}"`).join('');
  const text = element.text.trim();
  const line = `${'  '.repeat(depth)}${element.tag}${attributes}${text ? `: ${text}` : ''}`;
  return [line, ...element.children.flatMap((child) => outline(child, depth + 1))];
}

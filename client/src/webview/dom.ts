/**
 * Building blocks of the dry-run view. Everything from the plan reaches the page through
 * `textContent` or attribute values set by the DOM API, never as HTML.
 */

type Attributes = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  setAttributes(element, attributes);
  append(doc, element, children);
  return element;
}

/** A table head of column headers: a string names a column, an element is the header's content. */
export function columnHeads(
  doc: Document,
  ...columns: (string | { content: Node; class: string })[]
): HTMLElement {
  const cells = columns.map((column) =>
    typeof column === 'string'
      ? h(doc, 'th', { scope: 'col' }, column)
      : h(doc, 'th', { scope: 'col', class: column.class }, column.content),
  );
  return h(doc, 'thead', {}, h(doc, 'tr', {}, ...cells));
}

const SVG = 'http://www.w3.org/2000/svg';

/** Creates an SVG element (for the milestone bars). */
export function s(
  doc: Document,
  tag: keyof SVGElementTagNameMap,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElement {
  const element = doc.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(doc, element, children);
  return element;
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(doc: Document, element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
}

/** A codicon (the icon font VS Code uses). */
export function icon(doc: Document, name: string, label?: string): HTMLElement {
  return h(doc, 'span', {
    class: `codicon codicon-${name}`,
    'aria-hidden': label ? undefined : 'true',
    'aria-label': label,
    role: label ? 'img' : undefined,
  });
}

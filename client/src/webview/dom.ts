/**
 * Building blocks of the dry-run view. Everything from the plan reaches the page through
 * `textContent` or attribute values set by the DOM API, never as HTML.
 */

type Attributes = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  setAttributes(element, attributes);
  append(doc, element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** Creates an SVG element (for the milestone bars). */
export function s(doc: Document, tag: keyof SVGElementTagNameMap, attributes: Attributes = {}, ...children: Child[]): SVGElement {
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
  return h(doc, 'span', { class: `codicon codicon-${name}`, 'aria-hidden': label ? undefined : 'true', 'aria-label': label, role: label ? 'img' : undefined });
}

/** Minutes as people read them: 45 s, 12 min, 3.5 h, 2.1 d, 3 wk. */
export function duration(minutes: number): string {
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 24) return `${hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours)} h`;
  const days = hours / 24;
  if (days < 14) return `${days < 10 ? Math.round(days * 10) / 10 : Math.round(days)} d`;
  return `${Math.round(days / 7)} wk`;
}

/** `~2 min (p90 1 h)`, or `—` when the milestone is not reached. */
export function quantiles(q: { p50Minutes: number; p90Minutes: number } | null): string {
  if (!q) return '—';
  return q.p50Minutes === q.p90Minutes ? `~${duration(q.p50Minutes)}` : `~${duration(q.p50Minutes)} (p90 ${duration(q.p90Minutes)})`;
}

export function percent(share: number): string {
  return share > 0 && share < 0.01 ? '<1 %' : `${Math.round(share * 100)} %`;
}

/**
 * Is the dry-run view readable in the theme of the pass? Measures, inside the webview, the contrast of its text
 * against the background it is painted on (WCAG 2 contrast ratio, semi-transparent colours composited) and, in
 * high contrast, the borders and outlines that carry what colour alone carries in the other themes.
 */
import type { Locator } from 'playwright-core';
import { expect } from './checks';
import type { StepContext } from './steps';

/** The text of the view whose contrast is measured, by what it is. */
export const textSelectors = [
  'h1',
  'header .muted',
  '.controls label',
  '.controls input',
  'button',
  '[data-testid="summary"]',
  'th',
  '.axis span',
  '[data-testid="request-row"] td',
  '.source',
  '.milestones',
  '.channel .muted',
  '[role="tab"]',
  '.question',
  '[data-testid="perspective"] li',
  'caption',
  '[data-testid="event"] td',
  '.badge',
] as const;

/** WCAG 2 AA: the least contrast of normal-sized text. */
export const minTextContrast = 4.5;

/** WCAG 2 (1.4.11): the least contrast of a border or outline that must be seen. */
export const minBorderContrast = 3;

/** The least contrast found among the elements of one selector. */
export interface TextContrast {
  readonly selector: string;
  readonly ratio: number;
  readonly text: string;
  readonly color: string;
  readonly background: string;
}

/** One border side or outline as the browser computes it, with its contrast against the background. */
export interface Edge {
  readonly style: string;
  readonly widthPx: number;
  readonly color: string;
  readonly contrast: number;
}

/**
 * Runs inside the webview: the lowest text contrast of each selector (elements with text of their own), or the
 * border/outline of the first element of a selector. Self-contained, as Playwright serializes it into the page.
 */
function measure(
  root: Element,
  query: { selectors: readonly string[]; edges: readonly { selector: string; side: string }[] },
): { texts: TextContrast[]; edges: (Edge | null)[] } {
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba => {
    const m = /rgba?\(([^)]*)\)/.exec(css);
    const n = (m?.[1] ?? '0 0 0 0')
      .split(/[\s,/]+/)
      .filter((p) => p !== '')
      .map(Number);
    return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1];
  };
  const over = (top: Rgba, below: Rgba): Rgba => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba;
  };
  const backgroundOf = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let e: Element | null = element; e; e = e.parentElement) {
      layers.push(parse(getComputedStyle(e).backgroundColor));
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (c: Rgba): number => {
    const lin = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const contrast = (fg: Rgba, bg: Rgba): number => {
    const [hi, lo] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a);
    return Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100;
  };
  const css = (c: Rgba): string => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
  const ownText = (e: Element): string =>
    Array.from(e.childNodes)
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent ?? '')
      .join('')
      .trim();
  const texts: TextContrast[] = [];
  for (const selector of query.selectors) {
    let worst: TextContrast | undefined;
    for (const element of Array.from(root.querySelectorAll(selector)).slice(0, 40)) {
      const text = ownText(element);
      if (text === '' || (element as HTMLElement).offsetParent === null) continue;
      const bg = backgroundOf(element);
      const fg = parse(getComputedStyle(element).color);
      const ratio = contrast(fg, bg);
      if (!worst || ratio < worst.ratio) {
        worst = { selector, ratio, text: text.slice(0, 40), color: css(over(fg, bg)), background: css(bg) };
      }
    }
    if (worst) texts.push(worst);
  }
  const edges = query.edges.map(({ selector, side }) => {
    const element = root.querySelector(selector);
    if (!element) return null;
    const style = getComputedStyle(element);
    const prop = (name: string): string =>
      style.getPropertyValue(side === 'outline' ? `outline-${name}` : `border-${side}-${name}`);
    const color = parse(prop('color'));
    return {
      style: prop('style'),
      widthPx: parseFloat(prop('width')) || 0,
      color: css(color),
      contrast: color[3] === 0 ? 1 : contrast(color, backgroundOf(element)),
    };
  });
  return { texts, edges };
}

/** The lowest text contrast of each of {@link textSelectors} in the dry-run view. */
export async function textContrasts(body: Locator): Promise<TextContrast[]> {
  return (await body.evaluate(measure, { selectors: textSelectors, edges: [] })).texts;
}

/** The computed `side` (`top`, `left`… or `outline`) of the first element of `selector`; null when none. */
export async function edgeOf(body: Locator, selector: string, side: string): Promise<Edge | null> {
  return (await body.evaluate(measure, { selectors: [], edges: [{ selector, side }] })).edges[0] ?? null;
}

/** `style width color (contrast n:1)`, for messages. */
export function describeEdge(edge: Edge | null): string {
  return edge
    ? `${edge.style} ${edge.widthPx}px ${edge.color} (contrast ${edge.contrast}:1)`
    : 'no such element';
}

/** True when the edge is drawn and stands out from the background enough to be seen. */
export function isVisibleEdge(edge: Edge | null): boolean {
  return (
    edge !== null &&
    edge.style !== 'none' &&
    edge.style !== 'hidden' &&
    edge.widthPx >= 1 &&
    edge.contrast >= minBorderContrast
  );
}

/** Every text of the view has at least {@link minTextContrast}; returns the measurements (lowest first). */
async function checkTextContrast(body: Locator): Promise<TextContrast[]> {
  const found = (await textContrasts(body)).sort((a, b) => a.ratio - b.ratio);
  expect(
    found.length >= textSelectors.length - 2,
    `only ${found.length} of the view's kinds of text were found`,
  );
  const poor = found.filter((t) => t.ratio < minTextContrast);
  expect(
    poor.length === 0,
    `text below ${minTextContrast}:1 contrast:\n${poor.map((t) => `${t.selector} "${t.text}": ${t.color} on ${t.background} = ${t.ratio}:1`).join('\n')}`,
  );
  return found;
}

/** High contrast: the theme's class on the view, and visible borders on the summary and badges, an outline on the selected tab. */
async function checkHighContrastEdges(body: Locator): Promise<void> {
  const classes = (await body.getAttribute('class')) ?? '';
  expect(
    /\bvscode-high-contrast\b/.test(classes),
    `the view's body is not in high contrast: class="${classes}"`,
  );
  const wanted = [
    { what: 'the summary', selector: '[data-testid="summary"]', side: 'top' },
    { what: 'a badge of ISC words', selector: '[data-testid="event"] .badge', side: 'top' },
    { what: 'the selected perspective tab', selector: '[role="tab"][aria-selected="true"]', side: 'outline' },
  ];
  for (const { what, selector, side } of wanted) {
    const edge = await edgeOf(body, selector, side);
    expect(
      isVisibleEdge(edge),
      `${what} has no visible ${side === 'outline' ? 'outline' : 'border'}: ${describeEdge(edge)}`,
    );
  }
}

/** Labels of the time axis (above the request bars) that overlap their right neighbour, e.g. `"1 wk"/"4 wk" by 12 px`. */
export async function axisOverlaps(body: Locator): Promise<string[]> {
  return body.evaluate((root) => {
    const axis = root.querySelector('.axis');
    const labels = Array.from(axis?.querySelectorAll('span') ?? [])
      .map((span) => ({ text: span.textContent ?? '', box: span.getBoundingClientRect() }))
      .filter((label) => label.box.width > 0);
    const width = Math.round(axis?.getBoundingClientRect().width ?? 0);
    return labels.slice(1).flatMap((next, i) => {
      const overlap = Math.round(labels[i]!.box.right - next.box.left);
      return overlap > 0
        ? [`"${labels[i]!.text}"/"${next.text}" by ${overlap} px (axis ${width} px wide)`]
        : [];
    });
  });
}

/**
 * Step: the dry-run view is readable in this theme — every kind of text has AA contrast against its background
 * and, in high contrast, borders mark the summary, the badges and the selected tab. Logs the lowest contrasts.
 */
export async function checkReadability(ctx: StepContext): Promise<void> {
  const body = ctx.wb.webview().locator('body');
  await ctx.wb.webview().getByTestId('summary').waitFor();
  const found = await checkTextContrast(body);
  if (ctx.theme === 'high-contrast') await checkHighContrastEdges(body);
  const lowest = found.slice(0, 3).map((t) => `${t.selector} ${t.ratio}:1`);
  console.log(`        lowest text contrast: ${lowest.join(', ')}`);
  const overlaps = await axisOverlaps(body);
  expect(overlaps.length === 0, `time axis labels overlap: ${overlaps.join('; ')}`);
}

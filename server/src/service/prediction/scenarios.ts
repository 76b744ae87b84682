/**
 * "What if" scenarios of the dry run (docs/prediction-model.md#scenarios): `outage:SOURCE:HOURS`,
 * `away:OWNER:DAYS`, `backlog:SDIM:FACTOR`, `failure:SOURCE:RATE`. Names may contain spaces and
 * colons: the number is what follows the last colon.
 */

import type { PredictionInput, Scenario } from './input/predictionInput';
import { closest } from '../text/closest';

/** The names a scenario may refer to. */
export interface ScenarioNames {
  sources: string[];
  owners: string[];
  integrations: string[];
}

/** A parsed scenario, or a message naming the spec and what is expected. */
export type ScenarioParse = { ok: true; scenario: Scenario } | { ok: false; message: string };

interface KindSpec {
  noun: string;
  unit: string;
  example: string;
  names: keyof ScenarioNames;
  what: string;
  check: (value: number) => boolean;
  range: string;
}

const KINDS: Record<Scenario['kind'], KindSpec> = {
  outage: {
    noun: 'SOURCE',
    unit: 'HOURS',
    example: 'outage:Active Directory:4',
    names: 'sources',
    what: 'source',
    check: (v) => v > 0,
    range: 'a number of hours greater than 0',
  },
  away: {
    noun: 'OWNER',
    unit: 'DAYS',
    example: 'away:payroll.admin:5',
    names: 'owners',
    what: 'source owner',
    check: (v) => v > 0,
    range: 'a number of days greater than 0',
  },
  backlog: {
    noun: 'SDIM',
    unit: 'FACTOR',
    example: 'backlog:ServiceNow SDIM:3',
    names: 'integrations',
    what: 'service desk integration',
    check: (v) => v > 0,
    range: 'a factor greater than 0 (2 doubles every ticket duration)',
  },
  failure: {
    noun: 'SOURCE',
    unit: 'RATE',
    example: 'failure:Active Directory:0.3',
    names: 'sources',
    what: 'source',
    check: (v) => v >= 0 && v <= 1,
    range: 'a share from 0 to 1 (or a percentage such as 30%)',
  },
};

/** Source names (and ids), owners and SDIMs a plan's scenarios can name. */
export function scenarioNames(input: Pick<PredictionInput, 'catalog' | 'requests'>): ScenarioNames {
  const sources = new Set<string>();
  const owners = new Set<string>();
  const integrations = new Set<string>();
  for (const source of input.catalog?.sources ?? []) {
    sources.add(source.name);
    if (source.owner?.name) owners.add(source.owner.name);
  }
  for (const integration of input.catalog?.serviceDeskIntegrations ?? []) integrations.add(integration.name);
  for (const request of input.requests) {
    if (request.decision.declaredOnly) sources.add(request.source);
    for (const part of request.decision.parts) {
      if (part.channel === 'manual' && part.target) owners.add(part.target);
    }
    if (request.decision.channel === 'manual' && request.decision.target) owners.add(request.decision.target);
  }
  return { sources: [...sources], owners: [...owners], integrations: [...integrations] };
}

const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/** Parses one scenario; names are matched exactly, then case-insensitively, then by source id. */
export function parseScenario(
  spec: string,
  names: ScenarioNames,
  input?: Pick<PredictionInput, 'catalog'>,
): ScenarioParse {
  const text = spec.trim();
  const first = text.indexOf(':');
  const kind = (first < 0 ? text : text.slice(0, first)).trim().toLowerCase();
  if (!(kind in KINDS)) {
    return {
      ok: false,
      message: `Scenario "${spec}": expected KIND:NAME:NUMBER with KIND one of outage, away, backlog or failure (e.g. outage:Active Directory:4).`,
    };
  }
  const k = kind as Scenario['kind'];
  const def = KINDS[k];
  const form = `${k}:${def.noun}:${def.unit}, e.g. ${def.example}`;
  const lastColon = text.lastIndexOf(':');
  if (first < 0 || lastColon === first) {
    return { ok: false, message: `Scenario "${spec}": expected ${form}.` };
  }
  const name = text.slice(first + 1, lastColon).trim();
  const numberText = text.slice(lastColon + 1).trim();
  if (name === '') {
    return { ok: false, message: `Scenario "${spec}": the ${def.noun} is empty; expected ${form}.` };
  }
  const value = numberText.endsWith('%') ? Number(numberText.slice(0, -1)) / 100 : Number(numberText);
  if (!NUMBER.test(numberText) || !Number.isFinite(value) || !def.check(value)) {
    return {
      ok: false,
      message: `Scenario "${spec}": ${def.unit} must be ${def.range}, not "${numberText}"; expected ${form}.`,
    };
  }
  const resolved = resolveName(name, names[def.names], k === 'outage' || k === 'failure' ? input : undefined);
  if (resolved === undefined) {
    const known = names[def.names];
    const suggestion = closest(name, known);
    const hint = suggestion
      ? ` Did you mean "${suggestion}"?`
      : known.length === 0
        ? ` No ${def.what} is known to the loaded catalogs.`
        : ` Known: ${quotedList(known, 5)}.`;
    return { ok: false, message: `Scenario "${spec}": no ${def.what} named "${name}".${hint}` };
  }
  return { ok: true, scenario: build(k, resolved, value, text) };
}

function resolveName(
  name: string,
  known: string[],
  input: Pick<PredictionInput, 'catalog'> | undefined,
): string | undefined {
  if (known.includes(name)) return name;
  const lower = name.toLowerCase();
  const folded = known.filter((candidate) => candidate.toLowerCase() === lower);
  if (folded.length === 1) return folded[0];
  const byId = input?.catalog?.sources.find((source) => source.id === name);
  return byId?.name;
}

function build(kind: Scenario['kind'], name: string, value: number, spec: string): Scenario {
  switch (kind) {
    case 'outage':
      return { kind, source: name, hours: value, spec };
    case 'away':
      return { kind, owner: name, days: value, spec };
    case 'backlog':
      return { kind, integration: name, factor: value, spec };
    case 'failure':
      return { kind, source: name, rate: value, spec };
  }
}

/** Parses every scenario of a plan; the messages of those that do not parse, in order. */
export function parseScenarios(
  specs: readonly string[],
  input: Pick<PredictionInput, 'catalog' | 'requests'>,
): { scenarios: Scenario[]; errors: string[] } {
  const names = scenarioNames(input);
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  for (const spec of specs) {
    const parsed = parseScenario(spec, names, input);
    if (parsed.ok) scenarios.push(parsed.scenario);
    else errors.push(parsed.message);
  }
  return { scenarios, errors };
}

/** Up to `most` names, quoted, and how many more there are. */
function quotedList(names: readonly string[], most: number): string {
  const shown = names.slice(0, most).map((name) => `"${name}"`);
  return names.length > most ? `${shown.join(', ')} and ${names.length - most} more` : shown.join(', ');
}

type Units = Pick<PredictionInput, 'requests'>;

/** Every unit of work of the plan: each request's main channel and its split-off parts. */
function unitsOf(input: Units): { source: string; channel: string; target: string | null; sdim?: string }[] {
  return input.requests.flatMap((request) => {
    const d = request.decision;
    const source = d.declaredOnly ? request.source : (d.source?.name ?? request.source);
    return [
      {
        source,
        channel: d.channel,
        target: d.target,
        ...(d.integration ? { sdim: d.integration.name } : {}),
      },
      ...d.parts.map((p) => ({
        source,
        channel: p.channel,
        target: p.target,
        ...(p.integration ? { sdim: p.integration.name } : {}),
      })),
    ];
  });
}

/**
 * Why a parsed scenario cannot change this plan's prediction, or null when it can: `outage` and
 * `failure` act on connector calls to the source, `away` on the owner's manual work items, `backlog`
 * on the SDIM's tickets (docs/prediction-model.md#scenarios).
 */
export function scenarioWithoutEffect(scenario: Scenario, input: Units): string | null {
  const units = unitsOf(input);
  const head = `Scenario "${scenario.spec}" changes nothing in this plan`;
  switch (scenario.kind) {
    case 'outage':
    case 'failure': {
      const mine = units.filter((u) => u.source === scenario.source);
      if (mine.some((u) => u.channel === 'connector')) return null;
      const ways = [...new Set(mine.map((u) => `${u.channel}${u.target ? ` → ${u.target}` : ''}`))];
      const where =
        ways.length === 0
          ? `no request goes to ${scenario.source}`
          : `no request reaches ${scenario.source} through its connector (they go to ${ways.join(', ')})`;
      return `${head}: ${where}; ${scenario.kind} acts only on connector calls.`;
    }
    case 'away': {
      if (units.some((u) => u.channel === 'manual' && u.target === scenario.owner)) return null;
      return `${head}: ${scenario.owner} has no manual work item in it; away acts only on an owner's work items.`;
    }
    case 'backlog': {
      if (units.some((u) => u.channel === 'ticketing' && u.sdim === scenario.integration)) return null;
      return `${head}: no request goes to ${scenario.integration} as a ticket; backlog acts only on its tickets.`;
    }
  }
}

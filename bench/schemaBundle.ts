/**
 * Bundles our plan schema and the schema files it refers to into ONE self-contained file for
 * yaml-language-server: every definition of another file moves under the root's `$defs` (as
 * `<file>__<name>`), every `$ref` becomes a local `#/$defs/...`, and no `$id` remains, so the
 * server never tries to fetch `https://isc-plan.invalid/...`.
 */
import * as fs from 'fs';
import * as path from 'path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The `$defs` prefix of a file: `catalog`, `channels_connector`; the root file has none. */
function keyOf(schemasDir: string, file: string): string {
  return path
    .relative(schemasDir, file)
    .replace(/\.schema\.json$/, '')
    .replace(/[^A-Za-z0-9]+/g, '_');
}

class Bundler {
  private readonly defs: JsonObject = {};
  private readonly done = new Set<string>();
  private readonly pending: string[] = [];

  constructor(
    private readonly schemasDir: string,
    private readonly root: string,
  ) {}

  private read(file: string): JsonObject {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
  }

  /** Where a file's root sits in the bundle (`` for the root file). */
  private base(file: string): string {
    return file === this.root ? '' : `/$defs/${keyOf(this.schemasDir, file)}__root`;
  }

  private defName(file: string, name: string): string {
    return file === this.root ? name : `${keyOf(this.schemasDir, file)}__${name}`;
  }

  /** A `$ref` found in `file`, rewritten to a pointer into the bundle. */
  private rewrite(file: string, ref: string): string {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    if (/^[a-z]+:/i.test(filePart)) throw new Error(`absolute $ref ${ref} in ${file}: cannot bundle`);
    const target = filePart ? path.resolve(path.dirname(file), filePart) : file;
    if (!this.done.has(target) && !this.pending.includes(target)) this.pending.push(target);
    const defs = /^\/\$defs\/([^/]+)(.*)$/.exec(fragment);
    if (defs) return `#/$defs/${this.defName(target, defs[1]!)}${defs[2]!}`;
    return `#${this.base(target)}${fragment}`;
  }

  private walk(file: string, value: Json): Json {
    if (Array.isArray(value)) return value.map((item) => this.walk(file, item));
    if (value === null || typeof value !== 'object') return value;
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] =
        key === '$ref' && typeof child === 'string' ? this.rewrite(file, child) : this.walk(file, child);
    }
    return out;
  }

  /** Adds one file: its definitions (renamed) and, for other files, its root as `<file>__root`. */
  private add(file: string): JsonObject {
    this.done.add(file);
    const schema = this.walk(file, this.read(file)) as JsonObject;
    const { $defs, $id: _id, $schema: _schema, ...rest } = schema;
    for (const [name, def] of Object.entries(($defs ?? {}) as JsonObject)) {
      this.defs[this.defName(file, name)] = def;
    }
    if (file !== this.root) this.defs[`${keyOf(this.schemasDir, file)}__root`] = rest;
    return rest;
  }

  bundle(): JsonObject {
    const original = this.read(this.root);
    const rest = this.add(this.root);
    for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) {
      if (!this.done.has(next)) this.add(next);
    }
    return { $schema: original.$schema ?? null, ...rest, $defs: this.defs };
  }
}

/** Every `$ref` of a bundle must be local and resolve inside it; returns the refs that do not. */
export function unresolvedRefs(bundle: JsonObject): string[] {
  const bad: string[] = [];
  const resolve = (pointer: string): boolean => {
    let node: Json = bundle;
    for (const raw of pointer.split('/').slice(1)) {
      const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || Array.isArray(node) || !(part in node)) return false;
      node = node[part]!;
    }
    return true;
  };
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (
          key === '$ref' &&
          typeof child === 'string' &&
          !(child.startsWith('#') && resolve(child.slice(1)))
        ) {
          bad.push(child);
        } else visit(child);
      }
    }
  };
  visit(bundle);
  return bad;
}

/** Writes the bundled plan schema to `outFile` and returns its path; throws if a reference stays unresolved. */
export function writeBundledPlanSchema(repo: string, outFile: string): string {
  const schemasDir = path.join(repo, 'schemas');
  const bundle = new Bundler(schemasDir, path.join(schemasDir, 'plan.schema.json')).bundle();
  const bad = unresolvedRefs(bundle);
  const text = JSON.stringify(bundle, null, 1);
  if (bad.length > 0) throw new Error(`bundled schema has unresolved $refs: ${bad.join(', ')}`);
  if (text.includes('isc-plan.invalid')) {
    throw new Error('bundled schema still names https://isc-plan.invalid/');
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);
  return outFile;
}

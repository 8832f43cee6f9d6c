import { distance } from 'fastest-levenshtein';

/**
 * How a mapping names a value inside a source record. A name is a key of the record when the record has
 * one so named (a CSV column, a flat NDJSON key, even one with a dot in it: "Kd.-Nr."); otherwise it is a
 * path: keys separated by dots (`shipping_address.street`), a key of digits picks an array item, counted
 * from 0 (`phones.0.number`), a selector picks the first item of an array whose field has a value
 * (`phones[type=mobile].number`: the first phone whose type is "mobile", without regard to case), and
 * `\.` is a dot inside a key (`meta.utm\.source`, written "meta.utm\\.source" in JSON), `\[` a bracket,
 * `\\` a backslash. A selector is a segment of its own, kept with its brackets: `[type=mobile]`.
 */
export function parsePath(name: string): string[] {
  const segments: string[] = [];
  let segment = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const close = c === '[' ? name.indexOf(']', i) : -1;
    if (c === '\\' && (name[i + 1] === '.' || name[i + 1] === '\\' || name[i + 1] === '[')) segment += name[++i];
    else if (c === '.') {
      segments.push(segment);
      segment = '';
    } else if (close > i && parseSelector(name.slice(i, close + 1))) {
      // "phones[type=mobile]" is two segments; a selector after a dot ("phones.[type=mobile]") is one
      if (segment !== '') segments.push(segment);
      segments.push(name.slice(i, close + 1));
      segment = '';
      i = close;
      if (name[i + 1] === '.') i++;
      else if (i + 1 === name.length) return segments;
    } else segment += c;
  }
  segments.push(segment);
  return segments;
}

/** A key as a path names it: its dots, backslashes and brackets escaped. */
export function escapeKey(key: string): string {
  return /[.\\[]/.test(key) ? key.replace(/[.\\[]/g, '\\$&') : key;
}

/** What a selector segment (`[type=mobile]`) asks of an array item. */
interface Selector {
  readonly field: string;
  readonly value: string;
}

const SELECTOR = /^\[([^=\]]+)=([^\]]*)\]$/;

function parseSelector(segment: string): Selector | null {
  const parts = SELECTOR.exec(segment);
  return parts ? { field: parts[1].trim(), value: parts[2].trim().toLowerCase() } : null;
}

function selects(selector: Selector, item: unknown): boolean {
  if (!isContainer(item) || Array.isArray(item) || !Object.hasOwn(item, selector.field)) return false;
  const value = item[selector.field];
  return (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && String(value).trim().toLowerCase() === selector.value;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

// An array is entered only by an item's index: "length" or "0x1" is no key of a JSON array.
const INDEX = /^(?:0|[1-9]\d*)$/;

function child(value: Container, key: string): unknown {
  if (Array.isArray(value)) {
    if (INDEX.test(key)) return value[Number(key)];
    const selector = parseSelector(key);
    return selector ? value.find((item) => selects(selector, item)) : undefined;
  }
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The value `name` names in `record` (see parsePath), or undefined when the record has none there. */
export function valueAt(record: Readonly<Record<string, unknown>>, name: string, segments: readonly string[] = parsePath(name)): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  let value: unknown = record;
  for (const segment of segments) {
    if (!isContainer(value)) return undefined;
    value = child(value, segment);
  }
  return value;
}

/** What a mapping does with one source name: renames it (a field), drops it (null), or reads it whole (combine, split). */
export type SourceUse = { readonly rename: string | null } | { readonly read: true };

/**
 * The source names of a mapping as a tree of keys, so one walk of a record finds what each name takes
 * and what is left over. A node that is a source lists its names (two spellings may reach one key).
 */
export interface SourceNode {
  readonly children: Map<string, SourceNode>;
  /** The children that are selectors (`[type=mobile]`), parsed once: they pick an array's item by content. */
  selectors?: { readonly selector: Selector; readonly node: SourceNode }[];
  names?: string[];
  /** The field the value goes to; null when dropped or only read (by combine or split). */
  target?: string | null;
}

/** Builds the tree; `uses` in mapping order, a rename winning over a read of the same name. */
export function sourceTree(uses: Iterable<readonly [name: string, use: SourceUse]>): SourceNode {
  const root: SourceNode = { children: new Map() };
  const add = (segments: readonly string[], name: string, use: SourceUse) => {
    let node = root;
    for (const segment of segments) {
      let next = node.children.get(segment);
      if (!next) {
        node.children.set(segment, (next = { children: new Map() }));
        const selector = parseSelector(segment);
        if (selector) (node.selectors ??= []).push({ selector, node: next });
      }
      node = next;
    }
    if (!node.names?.includes(name)) (node.names ??= []).push(name);
    if ('rename' in use) node.target = use.rename;
    else if (node.target === undefined) node.target = null;
  };
  for (const [name, use] of uses) {
    const segments = parsePath(name);
    add(segments, name, use);
    // The name as a key of the record itself (a CSV column "Kd.-Nr."), tried before the path.
    if (segments.length > 1 || segments[0] !== name) add([name], name, use);
  }
  return root;
}

/** The source names the records of a file had, so one named in none can be reported. */
export interface SourceTrace {
  readonly seen: Set<string>;
}

/**
 * Walks `record` along the tree: a renamed value goes to its field, a dropped or read one nowhere, and
 * every value no name reaches keeps its path as its name (`shipping_address.zip`), so the contract
 * reports it as an unknown field: an object the mapping enters but does not wholly take is schema drift
 * to see, not to lose. Under a name the mapping uses whole (renames, drops or reads), what is left is
 * taken with it: `"phones": null` beside `"phones.0.number": "phone"` drops the other numbers.
 */
export function walkRecord(record: Readonly<Record<string, unknown>>, root: SourceNode, out: Record<string, unknown>, trace?: SourceTrace): void {
  walk(record, [root], null, false, out, trace);
}

// `nodes`: every tree node that reaches this value; an array item may be reached by its index and by a selector at once.
function walk(value: Container, nodes: readonly SourceNode[], path: string | null, covered: boolean, out: Record<string, unknown>, trace: SourceTrace | undefined): void {
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const selected = Array.isArray(value) ? selectedItems(value, nodes) : undefined;
  for (const [key, item] of entries) {
    // At the top a key keeps its name as written, so a flat record maps exactly as it always did.
    const name = path === null ? key : `${path}.${escapeKey(key)}`;
    const subs: SourceNode[] = [];
    for (const node of nodes) {
      const sub = node.children.get(key);
      if (sub) subs.push(sub);
    }
    subs.push(...(selected?.get(key) ?? []));
    let named = false;
    for (const sub of subs) {
      if (!sub.names) continue;
      named = true;
      if (trace) for (const source of sub.names) trace.seen.add(source);
      if (typeof sub.target === 'string') out[sub.target] = item;
    }
    const deeper = subs.filter((sub) => sub.children.size > 0);
    if (deeper.length > 0 && isContainer(item)) walk(item, deeper, name, covered || named, out, trace);
    else if (!named && !covered) out[name] = item;
  }
}

/** The nodes each item of `array` is picked by, through a selector: each selector picks its first match. */
function selectedItems(array: readonly unknown[], nodes: readonly SourceNode[]): Map<string, SourceNode[]> | undefined {
  let picked: Map<string, SourceNode[]> | undefined;
  for (const node of nodes) {
    for (const { selector, node: sub } of node.selectors ?? []) {
      const index = array.findIndex((item) => selects(selector, item));
      if (index < 0) continue;
      picked ??= new Map();
      const key = String(index);
      picked.set(key, [...(picked.get(key) ?? []), sub]);
    }
  }
  return picked;
}

/** Adds the path of every value in `record` to `paths`, up to `max` of them: the names a misspelt one is compared with. */
export function addPaths(record: Readonly<Record<string, unknown>>, paths: Set<string>, max: number, path: string | null = null): void {
  for (const [key, item] of Array.isArray(record) ? record.map((v, i) => [String(i), v] as const) : Object.entries(record)) {
    if (paths.size >= max) return;
    const name = path === null ? key : `${path}.${escapeKey(key)}`;
    paths.add(name);
    if (isContainer(item)) addPaths(item as Record<string, unknown>, paths, max, name);
  }
}

/**
 * The path a misspelt one most likely meant: one as deep, whose differing keys are a few edits away in
 * all (two for a key of five letters or more, so "emial" finds "email"; a third of its length for a long
 * one). Keys are compared without case and punctuation. Compared key by key, not as one string: a long
 * shared parent must not make "shipping_address.number" look like "shipping_address.street".
 */
export function closestPath(name: string, candidates: Iterable<string>): string | null {
  const simple = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const wanted = parsePath(name).map(simple);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const keys = parsePath(candidate).map(simple);
    if (candidate === name || keys.length !== wanted.length) continue;
    let edits = 0;
    let differing = 0;
    for (const [i, key] of keys.entries()) {
      if (key === wanted[i]) continue;
      edits += distance(key, wanted[i]);
      differing += wanted[i].length;
    }
    const allowed = differing >= 5 ? Math.max(2, Math.floor(differing / 3)) : 1;
    if (edits <= allowed && edits < bestDistance) [best, bestDistance] = [candidate, edits];
  }
  return best;
}

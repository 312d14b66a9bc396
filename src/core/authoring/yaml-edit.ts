/**
 * Surgical edits of a YAML text. The `yaml` Document API finds the nodes (with their source
 * ranges) and renders new values; the edit itself splices only those bytes, so every other
 * byte of the file stays as it was: comments, key order, alignment, quoting, folded text.
 * (Re-serialising the whole Document would normalise spacing, move comments and reflow
 * folded scalars; see docs/authoring.md.)
 *
 * After each edit the text is parsed again and the edited value is compared with the value
 * asked for, so a splice that went wrong is an internal error, never a silently bad file.
 */
import {
  Document, isMap, isPair, isScalar, isSeq, parseDocument, stringify, visit,
  type Node, type Pair, type YAMLMap, type YAMLSeq,
} from 'yaml';
import type { YamlPath } from '../finding.js';

export type ItemStyle = 'flow' | 'block';

export interface YamlEditOptions {
  /** The canonical key order of the mapping at `path` (new keys go to their place in it). */
  keyOrder?: (path: YamlPath) => readonly string[] | undefined;
  /** Style of the items of a sequence that does not exist yet (or is empty). */
  newItemStyle?: (path: YamlPath) => ItemStyle;
}

export class YamlEditError extends Error {
  override readonly name = 'YamlEditError';
}

type Container = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

export class YamlEdit {
  private src: string;
  private doc!: Document.Parsed;
  private readonly eol: string;

  constructor(text: string, private readonly opts: YamlEditOptions = {}) {
    this.src = text;
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.reparse();
  }

  /** The current text. */
  get text(): string {
    return this.src;
  }

  /** The current data, as plain JS. */
  toJS(): unknown {
    return this.doc.toJS();
  }

  /** The plain value at `path`, or undefined. */
  get(path: YamlPath): unknown {
    const n = this.doc.getIn(path as unknown[], true) as Node | undefined;
    if (n === undefined || n === null) return undefined;
    return isScalar(n) ? n.value : (n as { toJSON(): unknown }).toJSON();
  }

  has(path: YamlPath): boolean {
    return this.doc.hasIn(path as unknown[]);
  }

  /**
   * Sets the value at `path`. An existing scalar is replaced in place (its comment stays);
   * a mapping value is merged key by key into an existing mapping; a missing key is inserted
   * at its canonical place; a missing parent mapping is created.
   */
  set(path: YamlPath, value: unknown): void {
    if (!path.length) throw new YamlEditError('cannot replace the whole document');
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = this.nodeAt(parentPath);
    if (parent === undefined || isNullScalar(parent)) {
      if (typeof key !== 'string') throw new YamlEditError(`no sequence at ${parentPath.join('.')}`);
      this.set(parentPath, { [key]: value });
      this.verify(path, value);
      return;
    }
    if (isSeq(parent)) {
      if (typeof key !== 'number' || !parent.items[key]) throw new YamlEditError(`no item ${String(key)} in the sequence at ${parentPath.join('.')}`);
      this.replaceNode(parent.items[key] as Node, value, !!parent.flow);
    } else if (isMap(parent)) {
      const pair = findPair(parent, String(key));
      if (pair && pair.value !== null && pair.value !== undefined && !isNullScalar(pair.value as Node)) {
        const current = pair.value as Node;
        if (isMap(current) && isPlainObject(value)) {
          // Merge into an existing mapping: each key keeps its place and comments.
          for (const [k, v] of Object.entries(value)) if (v !== undefined) this.set([...path, k], v);
          this.verifyIncludes(path, value);
          return;
        }
        this.replaceNode(current, value, !!parent.flow);
      } else if (pair) {
        this.deletePair(parent, pair);
        this.reparse();
        this.insertPair(parentPath, String(key), value);
      } else {
        this.insertPair(parentPath, String(key), value);
      }
    } else {
      throw new YamlEditError(`${parentPath.join('.') || 'the document'} is not a mapping`);
    }
    this.verify(path, value);
  }

  /** Removes the key at `path` (no-op when absent). */
  delete(path: YamlPath): void {
    const parent = this.nodeAt(path.slice(0, -1));
    if (!parent || !isMap(parent)) return;
    const pair = findPair(parent, String(path[path.length - 1]));
    if (!pair) return;
    this.deletePair(parent, pair);
    this.reparse();
    if (this.has(path)) throw new YamlEditError(`internal: ${path.join('.')} is still present after deleting it`);
  }

  /** Appends an item to the sequence at `path`, creating the sequence when missing. */
  append(path: YamlPath, item: unknown): void {
    const before = this.get(path);
    const count = Array.isArray(before) ? before.length : 0;
    const seq = this.nodeAt(path);
    if (seq === undefined || isNullScalar(seq)) {
      const style = this.opts.newItemStyle?.(path) ?? 'block';
      const parentPath = path.slice(0, -1);
      const parent = this.nodeAt(parentPath);
      if (parent && isMap(parent) && !findPair(parent, String(path[path.length - 1]))) {
        this.insertPair(parentPath, String(path[path.length - 1]), [item], style);
      } else {
        this.set(path, [item]);
      }
      // set() renders block items; restyle as flow items when asked.
      if (style === 'flow' && isPlainObject(item)) this.restyleLastItemFlow(path);
    } else if (!isSeq(seq)) {
      throw new YamlEditError(`${path.join('.')} is not a sequence`);
    } else if (seq.flow) {
      this.appendFlow(seq, item, path);
    } else {
      this.appendBlock(seq, item, path);
    }
    const after = this.get(path);
    if (!Array.isArray(after) || after.length !== count + 1 || !deepEqual(after[count], item)) {
      throw new YamlEditError(`internal: appending to ${path.join('.')} produced unexpected YAML`);
    }
  }

  // ---------------------------------------------------------------- internals

  private reparse(): void {
    this.doc = parseDocument(this.src, { keepSourceTokens: false, uniqueKeys: false });
    if (this.doc.errors.length) throw new YamlEditError(`the YAML does not parse: ${this.doc.errors[0].message.split('\n')[0]}`);
  }

  private splice(start: number, end: number, text: string): void {
    this.src = this.src.slice(0, start) + text + this.src.slice(end);
    this.reparse();
  }

  private nodeAt(path: YamlPath): Node | undefined {
    if (!path.length) return (this.doc.contents as Node | null) ?? undefined;
    const n = this.doc.getIn(path as unknown[], true);
    return (n as Node | null | undefined) ?? undefined;
  }

  private verify(path: YamlPath, value: unknown): void {
    if (!deepEqual(this.get(path), value)) throw new YamlEditError(`internal: setting ${path.join('.')} produced unexpected YAML`);
  }

  private verifyIncludes(path: YamlPath, value: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) this.verify([...path, k], v);
  }

  /** Column (0-based) of an offset. */
  private columnOf(offset: number): number {
    return offset - (this.src.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The offset just after the line that holds `offset - 1` (after its newline, or the end of the text). */
  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.src[offset - 1] === '\n') return offset;
    const nl = this.src.indexOf('\n', offset);
    return nl < 0 ? this.src.length : nl + 1;
  }

  /** Where a block pair ends: after its value's last line (trailing comment included). */
  private pairEnd(pair: Pair): number {
    const v = pair.value as Node | null;
    const k = pair.key as Node;
    const end = v?.range ? (isScalar(v) || (v as Container).flow ? v.range[2] : v.range[1]) : k.range![2];
    return this.lineEndAfter(end);
  }

  /** Text to insert at `at` that must start on a new line. */
  private atLineStart(at: number, text: string): string {
    return at > 0 && this.src[at - 1] !== '\n' ? this.eol + text : text;
  }

  private replaceNode(node: Node, value: unknown, inFlow: boolean): void {
    const [start, end] = node.range!;
    const nodeIsBlock = !isScalar(node) && !(node as Container).flow;
    if (inFlow || (!isCollectionValue(value) && !nodeIsBlock)) {
      this.splice(start, end, inFlow ? renderFlow(value) : renderBlockScalar(value));
    } else if (!isCollectionValue(value)) {
      throw new YamlEditError('internal: cannot replace a block collection with a scalar');
    } else if ((node as Container).flow) {
      // A flow value keeps its style.
      this.splice(start, end, renderFlow(value));
    } else {
      this.replaceWithBlock(node, value);
    }
  }

  /** Replaces the value of a block pair by a block collection, on the lines below its key. */
  private replaceWithBlock(node: Node, value: unknown): void {
    const keyCol = this.columnOfKeyFor(node);
    const body = renderBlock(value, keyCol + 2, this.eol);
    const [start, end] = node.range!;
    if (isScalar(node) || (node as Container).flow) {
      // `key: old   # comment` → `key:   # comment` and the block below.
      let s = start;
      while (s > 0 && this.src[s - 1] === ' ') s--;
      const lineEnd = this.lineEndAfter(end);
      const comment = this.src.slice(end, lineEnd).replace(/\r?\n$/, '');
      this.splice(s, lineEnd, `${comment}${this.eol}${body}`);
    } else {
      const lineStart = this.src.lastIndexOf('\n', start - 1) + 1;
      this.splice(lineStart, this.lineEndAfter(end), body);
    }
  }

  private columnOfKeyFor(node: Node): number {
    let found: number | undefined;
    const visit = (n: unknown): void => {
      if (found !== undefined) return;
      if (isMap(n)) {
        for (const p of n.items) {
          if (p.value === node) { found = this.columnOf((p.key as Node).range![0]); return; }
          visit(p.value);
        }
      } else if (isSeq(n)) for (const i of n.items) visit(i);
    };
    visit(this.doc.contents);
    if (found === undefined) throw new YamlEditError('internal: value without a key');
    return found;
  }

  private insertPair(mapPath: YamlPath, key: string, value: unknown, listStyle?: ItemStyle): void {
    const map = this.nodeAt(mapPath);
    if (!map || !isMap(map)) throw new YamlEditError(`${mapPath.join('.') || 'the document'} is not a mapping`);
    const order = this.opts.keyOrder?.(mapPath) ?? [];
    const rank = (k: string) => { const i = order.indexOf(k); return i < 0 ? Number.MAX_SAFE_INTEGER : i; };
    const mine = rank(key);
    // After the last existing key that comes before this one in the canonical order.
    let prev: Pair | undefined;
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const r = rank(keyText(p.key));
      if (r <= mine) prev = p;
    }
    if (map.flow) {
      const entry = `${renderFlowKey(key)}: ${renderFlow(value)}`;
      if (!map.items.length) {
        const [s, e] = map.range!;
        this.splice(s, e, `{ ${entry} }`);
      } else if (prev) {
        const end = (prev.value as Node | null)?.range?.[1] ?? (prev.key as Node).range![1];
        this.splice(end, end, `, ${entry}`);
      } else {
        const start = (map.items[0].key as Node).range![0];
        this.splice(start, start, `${entry}, `);
      }
      return;
    }
    const first = map.items[0];
    if (!first) throw new YamlEditError('internal: empty block mapping');
    const col = this.columnOf((first.key as Node).range![0]);
    const indent = ' '.repeat(col);
    const text = renderPair(key, value, col, this.eol, listStyle);
    if (prev) {
      const at = this.pairEnd(prev);
      this.splice(at, at, this.atLineStart(at, text));
    } else {
      // Before the first key: on its line, so comments above it (the modeline) stay above.
      const keyStart = (first.key as Node).range![0];
      if (this.columnOf(keyStart) !== col || this.src.slice(keyStart - col, keyStart) !== indent) {
        // The first key follows "- " of a sequence item: put the new key after it instead.
        const at = this.pairEnd(first);
        this.splice(at, at, this.atLineStart(at, text));
      } else {
        this.splice(keyStart - col, keyStart - col, text);
      }
    }
  }

  private deletePair(map: YAMLMap<unknown, unknown>, pair: Pair): void {
    const k = pair.key as Node;
    if (map.flow) {
      const i = map.items.indexOf(pair as never);
      const vEnd = (pair.value as Node | null)?.range?.[1] ?? k.range![1];
      if (i > 0) {
        const prev = map.items[i - 1];
        const pEnd = (prev.value as Node | null)?.range?.[1] ?? (prev.key as Node).range![1];
        this.splice(pEnd, vEnd, '');
      } else if (map.items.length > 1) {
        this.splice(k.range![0], (map.items[1].key as Node).range![0], '');
      } else {
        this.splice(map.range![0], map.range![1], '{}');
      }
      return;
    }
    const keyStart = k.range![0];
    const lineStart = this.src.lastIndexOf('\n', keyStart - 1) + 1;
    if (this.src.slice(lineStart, keyStart).trim() !== '') throw new YamlEditError('internal: cannot delete the first key of a sequence item');
    this.splice(lineStart, this.pairEnd(pair), '');
  }

  private appendFlow(seq: YAMLSeq<unknown>, item: unknown, path: YamlPath): void {
    const [s, e] = seq.range!;
    if (!seq.items.length) {
      const style = this.opts.newItemStyle?.(path) ?? 'block';
      if (isPlainObject(item) || style === 'block') {
        // "updates: []" becomes a block sequence.
        this.replaceWithBlock(seq, [item]);
        if (style === 'flow' && isPlainObject(item)) this.restyleLastItemFlow(path);
        return;
      }
      this.splice(s, e, `[${renderFlow(item)}]`);
      return;
    }
    const last = seq.items[seq.items.length - 1] as Node;
    const end = last.range![1];
    this.splice(end, end, `, ${renderFlow(item)}`);
  }

  private appendBlock(seq: YAMLSeq<unknown>, item: unknown, path: YamlPath): void {
    const col = this.columnOf(seq.range![0]);
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    const style: ItemStyle = last
      ? (isMap(last) && last.flow) || isScalar(last) || (isSeq(last) && last.flow) ? 'flow' : 'block'
      : this.opts.newItemStyle?.(path) ?? 'block';
    const text = renderItem(item, col, style, this.eol);
    const at = this.lineEndAfter(seq.range![1]);
    this.splice(at, at, this.atLineStart(at, text));
  }

  /** Rewrites the last item of a block sequence as a one-line flow mapping. */
  private restyleLastItemFlow(path: YamlPath): void {
    const seq = this.nodeAt(path);
    if (!seq || !isSeq(seq) || seq.flow) return;
    const last = seq.items[seq.items.length - 1] as Node;
    const value = (last as { toJSON(): unknown }).toJSON();
    const [s, e] = last.range!;
    const end = this.lineEndAfter(e);
    this.splice(s, end, `${renderFlow(value)}${this.eol}`);
  }
}

// ---------------------------------------------------------------- rendering

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isCollectionValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}
function isNullScalar(n: unknown): boolean {
  return isScalar(n) && (n.value === null || n.value === undefined);
}
function keyText(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}
function findPair(map: YAMLMap<unknown, unknown>, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && keyText(p.key) === key) as Pair | undefined;
}

/** Characters that end or break a plain scalar in flow context. */
const FLOW_UNSAFE = /[,[\]{}#]|: |:$|^[-?:](\s|$)|^\s|\s$/;

/** Plain words that YAML 1.1 readers (older editors, PyYAML) take for booleans or null. */
const YAML11_SPECIAL = /^(?:y|yes|n|no|on|off|true|false|null|~)$/i;

/** A scalar in flow context: plain when safe, else double-quoted (JSON strings are valid YAML). */
export function renderFlowScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'string') return String(v);
  if (v.includes('\n') || v.includes('\r') || YAML11_SPECIAL.test(v)) return JSON.stringify(v);
  const plain = stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
  if (plain.includes('\n')) return JSON.stringify(v);
  if (/^["']/.test(plain)) return plain;
  if (FLOW_UNSAFE.test(plain)) return JSON.stringify(v);
  return plain;
}

function renderFlowKey(k: string): string {
  return renderFlowScalar(k);
}

/** A value on one line: `{ a: 1, b: [x, y] }`, the style of DOMAIN.md's examples. */
export function renderFlow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  if (isPlainObject(v)) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length ? `{ ${entries.map(([k, x]) => `${renderFlowKey(k)}: ${renderFlow(x)}`).join(', ')} }` : '{}';
  }
  return renderFlowScalar(v);
}

/** A short list of one-line plain values reads best on one line: `consumers: [a, b]`. */
const SHORT_LIST = 60;
function isShortScalarList(v: unknown): v is unknown[] {
  if (!Array.isArray(v) || !v.length) return false;
  if (!v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return false;
  if (v.some((x) => typeof x === 'string' && x.includes('\n'))) return false;
  return v.map((x) => String(x)).join(', ').length <= SHORT_LIST;
}

/** Block style, except short lists of plain values, which stay on one line. */
function blockLines(v: unknown): string[] {
  const doc = new Document(v);
  visit(doc, {
    Seq(_, node) {
      if (node !== doc.contents && isShortScalarList(node.toJSON())) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '').split('\n');
}

/** A collection in block style, every line indented by `indent`, ending with a newline. */
export function renderBlock(v: unknown, indent: number, eol = '\n'): string {
  const pad = ' '.repeat(indent);
  return blockLines(stripUndefined(v)).map((l) => (l ? pad + l : l)).join(eol) + eol;
}

/** `key: value` at `indent`, the value inline when it is a scalar, else as a block below. */
function renderPair(key: string, value: unknown, indent: number, eol: string, listStyle?: ItemStyle): string {
  const pad = ' '.repeat(indent);
  if (!isCollectionValue(value)) return `${pad}${renderFlowKey(key)}: ${renderBlockScalar(value)}${eol}`;
  if (Array.isArray(value) && value.length === 0) return `${pad}${renderFlowKey(key)}: []${eol}`;
  if (listStyle !== 'block' && isShortScalarList(value)) return `${pad}${renderFlowKey(key)}: ${renderFlow(value)}${eol}`;
  if (isPlainObject(value) && Object.keys(value).length === 0) return `${pad}${renderFlowKey(key)}: {}${eol}`;
  return `${pad}${renderFlowKey(key)}:${eol}${renderBlock(value, indent + 2, eol)}`;
}

/** A scalar after `key: ` in block context: one line, quoted when needed. */
function renderBlockScalar(v: unknown): string {
  if (typeof v === 'string' && (v.includes('\n') || v.includes('\r') || YAML11_SPECIAL.test(v))) return JSON.stringify(v);
  const s = stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
  return s.includes('\n') ? JSON.stringify(v) : s;
}

/** `- item` at `indent`: a flow item on one line, or a block mapping under the dash. */
function renderItem(item: unknown, indent: number, style: ItemStyle, eol: string): string {
  const pad = ' '.repeat(indent);
  if (style === 'flow' || !isCollectionValue(item)) {
    return `${pad}- ${isCollectionValue(item) ? renderFlow(item) : renderBlockScalar(item)}${eol}`;
  }
  const lines = blockLines(stripUndefined(item));
  return lines.map((l, i) => (i === 0 ? `${pad}- ${l}` : l ? `${pad}  ${l}` : l)).join(eol) + eol;
}

function stripUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripUndefined);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, stripUndefined(x)]));
  return v;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

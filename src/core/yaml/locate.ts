/**
 * Turns YAML paths into line and column. Positions cost a full `yaml` Document, so they
 * are computed only for the files that have findings (or that an edit touches).
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import type { YamlPath } from '../finding.js';

export interface Position { line: number; column: number }

export class PositionIndex {
  private readonly lineCounter = new LineCounter();
  private readonly contents: Node | null;

  constructor(text: string) {
    const doc = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: false, keepSourceTokens: false });
    this.contents = doc.contents as Node | null;
  }

  /** Position of the value (or key) at `path`; the deepest existing ancestor when the path stops early. */
  locate(path: YamlPath, target: 'key' | 'value' = 'value'): Position {
    let node: Node | null = this.contents;
    let best: number | undefined = node?.range?.[0];
    for (let i = 0; i < path.length && node; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        const keyStart = (pair.key as Node | null)?.range?.[0];
        if (last && target === 'key' && keyStart !== undefined) return this.pos(keyStart);
        node = pair.value as Node | null;
        best = node?.range?.[0] ?? keyStart ?? best;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        node = item;
        best = item.range?.[0] ?? best;
      } else break;
    }
    return this.pos(best ?? 0);
  }

  private pos(offset: number): Position {
    const p = this.lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

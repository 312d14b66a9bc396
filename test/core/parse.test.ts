import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseYaml, parseCarefully } from '../../src/core/yaml/parse.js';
import { decodeYamlBytes, firstInvalidUtf8 } from '../../src/core/yaml/decode.js';
import { PositionIndex } from '../../src/core/yaml/locate.js';

const codes = (text: string) => {
  const r = parseYaml('f.yaml', text);
  return r.ok ? [] : r.findings.map((f) => ({ code: f.code, ...(f.place as { line: number; column: number }) }));
};

describe('parseYaml', () => {
  it('reads an ordinary mapping', () => {
    expect(parseYaml('f.yaml', 'a: 1\nb: [x, y]\nt: 2025-08-03T06:12:00Z\n')).toEqual({ ok: true, value: { a: 1, b: ['x', 'y'], t: '2025-08-03T06:12:00Z' } });
  });
  it('points at a tab used for indentation', () => {
    expect(codes('a:\n\tb: 1\n')[0]).toMatchObject({ code: 'YAML_TAB', line: 2 });
  });
  it('points at a duplicate key', () => {
    expect(codes('a: 1\nb: 2\na: 3\n')[0]).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 3, column: 1 });
  });
  it('stops an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(codes(bomb.join('\n'))[0]).toMatchObject({ code: 'YAML_ALIAS_LIMIT' });
  });
  it('refuses several documents in one file', () => {
    expect(codes('a: 1\n---\nb: 2\n')[0]).toMatchObject({ code: 'FILE_MULTIPLE_DOCUMENTS' });
  });
  it('gives a syntax error a position', () => {
    expect(codes('a: [1, 2\nb: 3\n')[0]).toMatchObject({ code: 'YAML_SYNTAX' });
  });
  it('gives the same value on the fast and the careful path', () => {
    const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 20 }), fc.constantFrom('2025-08-03T06:12:00Z', 'PT30M', 'yes', 'no', '0o17', '1e3', '~', '.5'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), value, { minKeys: 1, maxKeys: 5 }), fc.constantFrom('block', 'flow'), (doc, style) => {
      const text = style === 'flow' ? JSON.stringify(doc) : toBlockYaml(doc);
      const fast = parseYaml('f.yaml', text);
      const careful = parseCarefully('f.yaml', text);
      expect(fast).toEqual(careful);
    }), { numRuns: 300 });
  });
});

/** A small block-style writer: JSON for scalars (valid YAML), block for collections. */
function toBlockYaml(v: unknown, indent = ''): string {
  if (Array.isArray(v)) return v.length ? v.map((x) => `${indent}- ${isColl(x) ? `\n${toBlockYaml(x, `${indent}  `)}` : JSON.stringify(x)}`).join('\n') : `${indent}[]`;
  if (v && typeof v === 'object') {
    const e = Object.entries(v);
    return e.length ? e.map(([k, x]) => `${indent}${k}:${isColl(x) ? `\n${toBlockYaml(x, `${indent}  `)}` : ` ${JSON.stringify(x)}`}`).join('\n') : `${indent}{}`;
  }
  return `${indent}${JSON.stringify(v)}`;
}
const isColl = (x: unknown) => !!x && typeof x === 'object' && Object.keys(x as object).length > 0;

describe('decodeYamlBytes', () => {
  it('refuses binary with the position of the NUL', () => {
    const r = decodeYamlBytes('f.yaml', Buffer.from('a: 1\nb: x\0y\n'));
    expect(r).toMatchObject({ ok: false, finding: { code: 'FILE_BINARY', place: { line: 2, column: 5 } } });
  });
  it('refuses invalid UTF-8 with the position of the bad byte', () => {
    const r = decodeYamlBytes('f.yaml', Buffer.concat([Buffer.from('a: 1\nb: é'), Buffer.from([0xff]), Buffer.from('\n')]));
    expect(r).toMatchObject({ ok: false, finding: { code: 'FILE_ENCODING', place: { line: 2, column: 5 } } });
  });
  it('refuses files over the size limit', () => {
    expect(decodeYamlBytes('f.yaml', Buffer.alloc(2048, 0x61), 1024)).toMatchObject({ ok: false, finding: { code: 'FILE_TOO_LARGE' } });
  });
  it('agrees with Node on which byte strings are UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const b = Buffer.from(bytes);
      const valid = Buffer.from(b.toString('utf8'), 'utf8').equals(b);
      expect(firstInvalidUtf8(b) === -1).toBe(valid);
    }), { numRuns: 2000 });
  });
});

describe('PositionIndex', () => {
  const text = 'id: X\nledger:\n  - at: 1\n    by: alice\n  - { at: 2, by: bob }\n';
  it('finds values and keys by path', () => {
    const idx = new PositionIndex(text);
    expect(idx.locate(['ledger', 1, 'by'])).toEqual({ line: 5, column: 18 });
    expect(idx.locate(['ledger', 0, 'by'], 'key')).toEqual({ line: 4, column: 5 });
  });
  it('falls back to the deepest existing node', () => {
    expect(new PositionIndex(text).locate(['ledger', 0, 'nope'])).toEqual({ line: 3, column: 5 });
  });
});

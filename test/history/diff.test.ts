import { describe, expect, it } from 'vitest';
import { diffIncident, movedBack, statusFromBytes, statusFromText } from '../../src/core/history/diff.js';
import { RenameMap } from '../../src/core/history/reader.js';

describe('status of a version without a YAML parse', () => {
  it.each([
    ['id: X\nstatus: contained\n', 'contained'],
    ['status: "triaged"  # moved today\nid: X\n', 'triaged'],
    ["a: 1\r\nstatus: 'closed'\r\n", 'closed'],
    ['ledger:\n  - text: |\n      status: closed\nstatus: detected\n', 'detected'],
    ['title: "x status: closed"\n', undefined],
    ['status: [detected]\n', undefined],
    ['{id: X, status: detected}\n', undefined],
  ])('%j → %s', (text, expected) => {
    expect(statusFromText(text.split('\n').find((l) => l.startsWith('status:')) ?? '')).toBe(expected);
    expect(statusFromBytes(Buffer.from(text))).toBe(expected);
  });
});

describe('moving back', () => {
  it('follows the lifecycle order, declined ranking with closed', () => {
    expect(movedBack('contained', 'triaged')).toBe(true);
    expect(movedBack('closed', 'verified')).toBe(true);
    expect(movedBack('declined', 'detected')).toBe(true);
    expect(movedBack('closed', 'declined')).toBe(false);
    expect(movedBack('detected', 'contained')).toBe(false);
    expect(movedBack('bogus', 'detected')).toBe(false);
    expect(movedBack(undefined, 'detected')).toBe(false);
  });
});

describe('diffIncident on versions that were never validated', () => {
  it('never throws, and says what it can', () => {
    expect(diffIncident(undefined, undefined)).toEqual([]);
    expect(diffIncident({ status: 'detected' }, undefined)).toEqual([{ kind: 'deleted' }]);
    expect(diffIncident(undefined, ['a list'])).toEqual([{ kind: 'unreadable', reason: 'not a YAML mapping' }]);
    expect(diffIncident({ ledger: 'oops', status: 3 }, { ledger: [null, 'x'], mitigations: [{ applied_at: 'x' }], signoff: [{}] })).toEqual([
      { kind: 'status', from: '3', back: false },
      { kind: 'ledger-added', index: 0 },
      { kind: 'ledger-added', index: 1 },
    ]);
  });

  it('sees a removed update and a rolled back mitigation', () => {
    const m = { id: 'M1', applied_at: '2025-01-01T00:00:00Z' };
    expect(diffIncident(
      { updates: [{ at: 'a' }, { at: 'b' }], mitigations: [m] },
      { updates: [{ at: 'a' }], mitigations: [{ ...m, rolled_back_at: '2025-01-02T00:00:00Z' }] },
    )).toEqual([
      { kind: 'update-rewritten', index: 1, removed: true },
      { kind: 'mitigation-rolled-back', id: 'M1', at: '2025-01-02T00:00:00Z' },
    ]);
  });
});

describe('renames', () => {
  it('map every old path to the latest one, newest first or oldest first', () => {
    const newest = new RenameMap(true);
    newest.add('b', 'c');
    newest.add('a', 'b');
    expect(newest.resolve('a')).toBe('c');
    const oldest = new RenameMap(false);
    oldest.add('a', 'b');
    oldest.add('b', 'c');
    expect(oldest.resolve('a')).toBe('c');
    oldest.add('c', 'a'); // a cycle cannot loop
    expect(['a', 'b', 'c']).toContain(oldest.resolve('a'));
  });
});

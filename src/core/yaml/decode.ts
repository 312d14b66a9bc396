/** Bytes → text, refusing what is not a YAML text file, with the exact position of the problem. */
import type { Finding } from '../finding.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text, or undefined when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; finding: Finding };

export function decodeYamlBytes(file: string, bytes: Buffer, maxBytes = DEFAULT_MAX_FILE_BYTES): Decoded {
  if (bytes.length > maxBytes) {
    return fail(file, 'FILE_TOO_LARGE', 1, 1, `${file} is ${bytes.length} bytes; the limit is ${maxBytes} bytes`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = positionOfByte(bytes, nul);
    return fail(file, 'FILE_BINARY', line, column, `${file} contains a NUL byte at byte ${nul}: it looks binary, not YAML`);
  }
  // The native decoder is fast; the byte scan runs only to place the error.
  let text = decodeUtf8(bytes);
  if (text === undefined) {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const { line, column } = positionOfByte(bytes, bad);
    return fail(file, 'FILE_ENCODING', line, column, `${file} is not valid UTF-8: byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte ${bad}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function fail(file: string, code: Finding['code'], line: number, column: number, message: string): Decoded {
  return { ok: false, finding: { code, file, place: { line, column }, message } };
}

/** Line and column (1-based, in characters of the valid prefix) of a byte offset. */
function positionOfByte(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < before.length; i++) if (before[i] === 0x0a) { line++; lineStart = i + 1; }
  const column = before.subarray(lineStart).toString('utf8').length + 1;
  return { line, column };
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let n: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

// The text of a CSV file the user picked, whatever program saved it: UTF-8 with or without a
// byte-order mark, UTF-16 with one (Excel's "Unicode text"), else Windows-1251, which Russian
// Excel writes for "CSV (разделители — запятые)". Binary files are not text in any of them.
import type { FileSource } from '../../../shared/imports/api.js';

export type TextEncodingName = Extract<FileSource, { format: 'csv' }>['encoding'];

const startsWith = (b: Buffer, ...sig: number[]) => sig.every((x, i) => b[i] === x);

/** The bytes as text and the encoding they were read in; null for bytes that are no text. */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncodingName } | null {
  let text: string;
  let encoding: TextEncodingName;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    encoding = 'utf-8-bom';
  } else if (startsWith(bytes, 0xff, 0xfe)) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (startsWith(bytes, 0xfe, 0xff)) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      // Not UTF-8: every byte is a character in Windows-1251, so the test of text is below.
      text = new TextDecoder('windows-1251').decode(bytes);
      encoding = 'windows-1251';
    }
  }
  // Text has no NUL, and hardly any other control characters than tab and line breaks.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return null;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) controls++;
  }
  return controls > text.length / 100 ? null : { text, encoding };
}

// Decoding of bash's ANSI-C quoting, `$'…'`: the escapes bash itself understands, so `$'\x72\x6d'`
// is the word `rm` to us exactly as it is to bash.

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function takeDigits(s: string, from: number, max: number, re: RegExp): string {
  let end = from;
  while (end < s.length && end - from < max && re.test(s[end]!)) end++;
  return s.slice(from, end);
}

function codePoint(n: number): string {
  return n > 0x10ffff ? '\ufffd' : String.fromCodePoint(n);
}

/** Decodes the body of `$'…'` (without the `$'` and `'`). */
export function decodeAnsiC(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1]!;
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i++;
    } else if (/[0-7]/.test(next)) {
      const digits = takeDigits(body, i + 1, 3, /[0-7]/);
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
      i += digits.length;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const max = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const digits = takeDigits(body, i + 2, max, /[0-9a-fA-F]/);
      if (!digits) {
        out += '\\' + next;
      } else {
        out += codePoint(parseInt(digits, 16));
      }
      i += 1 + digits.length;
    } else if (next === 'c' && i + 2 < body.length) {
      // Control character: \cX is X & 0x1f.
      out += String.fromCharCode(body.charCodeAt(i + 2) & 0x1f);
      i += 2;
    } else {
      out += '\\' + next;
      i++;
    }
  }
  return out;
}

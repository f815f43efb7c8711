// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form a record is hashed and signed in.
// Own implementation (no dependency): ECMAScript number and string serialisation, object members
// sorted by UTF-16 code units, no whitespace. Anything outside I-JSON is refused, not coerced.

/** The JCS form of `value`. Throws a TypeError naming the path of the first value JCS cannot carry. */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, out, [], new Set());
  return out.join('');
}

/** `$.a[1].b`, built only when there is an error to report. */
function render(path: (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

function write(value: unknown, out: string[], path: (string | number)[], open: Set<object>): void {
  if (value === null) return void out.push('null');
  switch (typeof value) {
    case 'boolean':
      return void out.push(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${render(path)}: ${value} is not a finite number (JCS)`);
      // Number#toString is the ECMAScript serialisation RFC 8785 §3.2.2.3 prescribes; -0 becomes "0".
      return void out.push(String(value));
    case 'string':
      return void out.push(quote(value, path));
    case 'object':
      break;
    default:
      throw new TypeError(`${render(path)}: a ${typeof value} cannot be canonicalized`);
  }
  const obj = value as object;
  if (open.has(obj)) throw new TypeError(`${render(path)}: circular reference`);
  open.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = obj[i];
      path.push(i);
      if (item === undefined) throw new TypeError(`${render(path)}: undefined in an array`);
      write(item, out, path, open);
      path.pop();
    }
    out.push(']');
  } else {
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${render(path)}: only plain objects and arrays can be canonicalized`);
    }
    const record = obj as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 asks for. Members whose
    // value is undefined are absent (as in JSON.stringify), so optional fields can be left unset.
    const keys = Object.keys(record).sort();
    out.push('{');
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      if (!first) out.push(',');
      first = false;
      path.push(key);
      out.push(quote(key, path), ':');
      write(member, out, path, open);
      path.pop();
    }
    out.push('}');
  }
  open.delete(obj);
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function quote(s: string, path: (string | number)[]): string {
  // The common case has no surrogates at all; only then is the pairing checked.
  if (SURROGATE.test(s) && LONE_SURROGATE.test(s)) {
    throw new TypeError(`${render(path)}: string contains a lone surrogate (not valid Unicode)`);
  }
  // For well-formed strings JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 requires:
  // \b \t \n \f \r \" \\, other controls as lowercase \u00xx, everything else literal.
  return JSON.stringify(s);
}

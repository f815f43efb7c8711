// RFC 8785 (JCS) vectors: the spec's own examples (§3.2.2 values, §3.2.3 sorting), the reference
// test data (structures, French, "weird" keys) and every Appendix B number.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';

const jcs = (json: string) => canonicalize(JSON.parse(json));

describe('RFC 8785 examples', () => {
  test('§3.2.2: values, escaping and literals', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(jcs(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  test('§3.2.3: members sorted by UTF-16 code units', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    // (Object.keys would put "1" first: JS orders integer-like keys; the text is what counts.)
    expect(jcs(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test('reference data: structures', () => {
    const input = '{"1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}';
    expect(jcs(input)).toBe('{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}');
  });

  test('reference data: sorting ignores locale (French)', () => {
    const input =
      '{"peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ingnore locale"}';
    expect(jcs(input)).toBe(
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    );
  });

  test('reference data: weird keys (controls, surrogate pairs, </script>)', () => {
    const input = String.raw`{"\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley",
      "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}`;
    expect(jcs(input)).toBe(
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });
});

// RFC 8785 Appendix B: IEEE 754 binary64 bit patterns and their canonical text.
const APPENDIX_B: [string, string | null][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['7fffffffffffffff', null],
  ['7ff0000000000000', null],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

describe('RFC 8785 Appendix B numbers', () => {
  for (const [bits, expected] of APPENDIX_B) {
    const value = Buffer.from(bits, 'hex').readDoubleBE(0);
    test(`${bits} → ${expected ?? 'error'}`, () => {
      if (expected === null) expect(() => canonicalize(value)).toThrow(/not a finite number/);
      else expect(canonicalize(value)).toBe(expected);
    });
  }
});

describe('refusals', () => {
  test.each([
    ['NaN', { a: [1, Number.NaN] }, /\$\.a\[1\]: NaN is not a finite number/],
    ['Infinity', { x: -Infinity }, /not a finite number/],
    ['a lone high surrogate', { s: 'a\ud800b' }, /lone surrogate/],
    ['a lone low surrogate in a key', { 'k\udc00': 1 }, /lone surrogate/],
    ['undefined in an array', [1, undefined], /undefined in an array/],
    ['a bigint', { n: 10n }, /bigint/],
    ['a function', { f: () => 1 }, /function/],
    ['a Date', { d: new Date(0) }, /plain objects/],
    ['undefined at the top', undefined, /undefined/],
  ])('%s', (_, value, message) => {
    expect(() => canonicalize(value)).toThrow(message);
  });

  test('a cycle', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalize(a)).toThrow(/circular/);
  });

  test('members set to undefined are left out; a repeated (non-cyclic) object is fine', () => {
    const shared = { z: 1 };
    expect(canonicalize({ b: undefined, a: shared, c: shared })).toBe('{"a":{"z":1},"c":{"z":1}}');
    expect(canonicalize(Object.assign(Object.create(null) as object, { y: 2, x: 1 }))).toBe('{"x":1,"y":2}');
  });
});

test('canonicalization is idempotent and keeps the value (property)', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const once = canonicalize(v);
      expect(canonicalize(JSON.parse(once))).toBe(once);
      expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(v)));
    }),
    { numRuns: 300 },
  );
});

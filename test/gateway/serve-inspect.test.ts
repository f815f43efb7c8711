// Inspection of model output: secrets are caught wherever the chunk boundaries fall, and text
// without secrets passes unchanged and without being held back longer than its trailing word.
import { describe, expect, it } from 'vitest';
import { TextInspector, inspectText, OUTPUT_SECRET_RULE } from '../../src/gateway/inspect.js';

const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const GH = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', '-----END OPENSSH PRIVATE KEY-----'].join(
  '\n',
);

function streamed(text: string, cuts: number[], action: 'redact' | 'end' = 'redact') {
  const i = new TextInspector(action);
  let out = '';
  let at = 0;
  for (const c of [...cuts, text.length]) {
    const r = i.push(text.slice(at, c));
    out += r.text;
    at = c;
    if (r.ended) return { out, ended: r.ended, found: i.found };
  }
  const f = i.flush();
  return { out: out + f.text, ended: f.ended, found: i.found };
}

describe('TextInspector', () => {
  for (const [name, secret, core] of [
    ['aws access key', AWS, AWS.slice(4)],
    ['github token', GH, GH.slice(4)],
    ['private key block', KEY, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'],
  ] as const) {
    it(`redacts a ${name} split at every position`, () => {
      const text = `Here it is: ${secret} and more text after it.`;
      for (let cut = 1; cut < text.length; cut++) {
        const { out, found } = streamed(text, [cut]);
        expect(out, `cut at ${cut}`).not.toContain(core);
        expect(out).toContain('[REDACTED]');
        expect(out.endsWith(' and more text after it.')).toBe(true);
        expect(found.length).toBeGreaterThan(0);
      }
    });

    it(`ends the stream at a ${name} split into one-character chunks (action end)`, () => {
      const text = `Here it is: ${secret} and more`;
      const cuts = Array.from({ length: text.length - 1 }, (_, k) => k + 1);
      const { out, ended } = streamed(text, cuts, 'end');
      expect(ended?.ruleId).toBe(OUTPUT_SECRET_RULE);
      expect(out).toBe('Here it is: ');
    });
  }

  it('passes text without secrets unchanged, holding back only the trailing word', () => {
    const i = new TextInspector('redact');
    expect(i.push('Hello wor').text).toBe('Hello ');
    expect(i.push('ld, all good.\n').text).toBe('world, all good.\n');
    expect(i.flush().text).toBe('');
    expect(i.found).toEqual([]);
  });

  it('keeps the name of an aws_secret_access_key assignment released before the boundary as context', () => {
    const value = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const { out } = streamed(`aws_secret_access_key = ${value} done`, [24]);
    expect(out).not.toContain(value);
    expect(out).toBe('aws_secret_access_key = [REDACTED] done');
  });

  it('ends the stream when an unterminated private key block grows past the limit', () => {
    const i = new TextInspector('redact', 1000);
    i.push('-----BEGIN RSA PRIVATE KEY-----\n');
    let ended;
    for (let k = 0; k < 50 && !ended; k++) ended = i.push('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n').ended;
    expect(ended?.kind).toBe('private-key');
  });

  it('inspectText redacts a whole text', () => {
    expect(inspectText(`key ${AWS}.`, 'redact').text).toBe('key [REDACTED].');
  });
});

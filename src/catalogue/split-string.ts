// `env -S STRING` splits one string into arguments with its own small quoting language (GNU
// coreutils): blanks separate, '…' is literal, "…" knows a few escapes, `\_` separates words (a space
// inside "…"), `#` at a word start comments out the rest, and `${NAME}` expands (which makes the
// word dynamic).
import type { Word } from '../core/ir.js';

const ESCAPES: Record<string, string> = {
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  _: ' ',
  '#': '#',
  $: '$',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

export function splitEnvString(source: Word): Word[] {
  if (!source.static) return [source];
  const text = source.value;
  const words: Word[] = [];
  let cur = '';
  let started = false;
  let dynamic = false;
  let quote: "'" | '"' | null = null;
  const push = () => {
    if (started) words.push({ value: cur, static: !dynamic, raw: cur });
    cur = '';
    started = false;
    dynamic = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else if (ch === '\\' && (text[i + 1] === "'" || text[i + 1] === '\\')) cur += text[++i];
      else cur += ch;
      continue;
    }
    if (ch === '\\') {
      const next = text[++i];
      if (next === 'c') break; // \c ends the string
      // `\_` is a space inside double quotes and separates words outside them (`rm\_-rf\_x` is three words).
      if (next === '_' && quote !== '"') {
        push();
        continue;
      }
      if (next !== undefined) cur += ESCAPES[next] ?? '\\' + next;
      started = true;
      continue;
    }
    if (ch === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      cur += text.slice(i, end < 0 ? undefined : end + 1);
      dynamic = true;
      started = true;
      i = end < 0 ? text.length : end;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      push();
    } else if (ch === '#' && !started) {
      break;
    } else {
      cur += ch;
      started = true;
    }
  }
  push();
  return words;
}

// package.json: every entry of "scripts", which npm, pnpm and yarn run with `sh -c`.
import { emptyExtraction, type Extraction } from './types.js';

/** The line of `"key":` inside the "scripts" object, found in the source text. */
function lineOfKey(text: string, key: string, from: number): number {
  const needle = JSON.stringify(key);
  let at = text.indexOf(needle, from);
  while (at >= 0 && !/^\s*:/.test(text.slice(at + needle.length))) at = text.indexOf(needle, at + 1);
  const offset = at >= 0 ? at : from;
  return text.slice(0, offset).split('\n').length;
}

export function extractPackageJson(file: string, text: string): Extraction {
  const out = emptyExtraction();
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (err) {
    out.problems.push({
      file,
      line: 1,
      source: 'package.json',
      message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    });
    return out;
  }
  if (typeof pkg !== 'object' || pkg === null || !('scripts' in pkg)) return out;
  const scripts = (pkg as { scripts: unknown }).scripts;
  const scriptsAt = Math.max(0, text.search(/"scripts"\s*:/));
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) {
    out.problems.push({ file, line: lineOfKey(text, 'scripts', 0), source: 'package.json', message: '"scripts" is not an object' });
    return out;
  }
  for (const [name, value] of Object.entries(scripts)) {
    const line = lineOfKey(text, name, scriptsAt);
    if (typeof value !== 'string') {
      out.problems.push({ file, line, source: 'package.json', message: `scripts.${name} is not a string` });
      continue;
    }
    out.commands.push({ file, line, source: 'package.json', where: `scripts.${name}`, action: { kind: 'shell', script: value } });
  }
  return out;
}

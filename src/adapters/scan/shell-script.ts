// Shell scripts (`*.sh`, `*.bash`, or any file whose shebang names a POSIX shell): the whole file is
// one script, so functions, `cd` and variables keep their meaning across lines.
import { emptyExtraction, type Extraction } from './types.js';
import { POSIX_SHELLS } from '../../catalogue/kinds.js';

const SHEBANG = /^#!\s*(\S+)(?:\s+(\S+))?/;
const SHELLS: ReadonlySet<string> = new Set(POSIX_SHELLS);

/** The interpreter a shebang names (`#!/usr/bin/env bash` → `bash`), or null without one. */
export function shebangInterpreter(text: string): string | null {
  const m = SHEBANG.exec(text.slice(0, 256));
  if (!m) return null;
  const base = m[1]!.split('/').pop()!;
  if (base === 'env') return (m[2] ?? '').replace(/^-S$/, '') || null;
  return base;
}

export function isShellShebang(text: string): boolean {
  const interp = shebangInterpreter(text);
  return interp !== null && SHELLS.has(interp);
}

export function extractShellScript(file: string, text: string): Extraction {
  const out = emptyExtraction();
  const interp = shebangInterpreter(text);
  if (interp !== null && !SHELLS.has(interp)) {
    out.skipped.push({ file, line: 1, source: 'shell-script', message: `runs in "${interp}", not a POSIX shell: not judged` });
    return out;
  }
  if (text.trim() !== '')
    out.commands.push({ file, line: 1, source: 'shell-script', where: 'script', action: { kind: 'shell', script: text } });
  return out;
}

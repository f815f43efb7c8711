// Python's import statements, read from code with strings and comments blanked: which local
// name stands for which module or function (`import subprocess as sp`, `from os import system`).
// The shell-call and file-call readers find calls by these names, as the capability scan does.

/** Local names → the dotted names they stand for. */
export function pythonImports(masked: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of masked.matchAll(/(?:^|[;\n:])[ \t]*import[ \t]+([^;\n]+)/g)) {
    for (const part of m[1]!.split(',')) {
      const p = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (p) out.set(p[2] ?? p[1]!.split('.')[0]!, p[2] ? p[1]! : p[1]!.split('.')[0]!);
    }
  }
  for (const m of masked.matchAll(/(?:^|[;\n:])[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([^;\n)]+)/g)) {
    for (const part of m[2]!.split(',')) {
      const p = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (p) out.set(p[2] ?? p[1]!, `${m[1]}.${p[1]}`);
    }
  }
  return out;
}

/**
 * The dotted name a reference stands for, through the imports: `sp.run` → `subprocess.run`. Any
 * suffix of it may name what is called (`logging.os.system` calls `os.system`); the candidates come
 * longest first.
 */
export function canonicalCandidates(reference: string, imports: Map<string, string>): string[] {
  const [head, ...rest] = reference.split('.');
  const parts = [...(imports.get(head!) ?? head!).split('.'), ...rest];
  const out: string[] = [];
  for (let k = 0; k < parts.length; k++) out.push(parts.slice(k).join('.'));
  return out;
}

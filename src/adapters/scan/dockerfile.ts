// Dockerfiles: every `RUN` (and `ONBUILD RUN`) as the builder will run it. Continuations are joined
// and comment lines dropped, as the builder does; `--mount`/`--network` flags are set aside; the
// exec form `RUN ["a","b"]` is judged as argv; a heredoc `RUN <<EOF … EOF` is judged as its body.
// A `SHELL` other than a POSIX shell makes the stage's shell-form RUNs "not judged".
// Each RUN is judged as a step of an image build (runsIn `image_build`, in the stage's WORKDIR):
// it changes the image's filesystem, not the host's (src/rules/shell/image-build.ts says which
// rules that leaves out). `RUN --security=insecure` runs privileged, so it is judged as the host.
import path from 'node:path';
import { emptyExtraction, type ExtractedCommand, type Extraction } from './types.js';
import { POSIX_SHELLS as POSIX_SHELL_NAMES } from '../../catalogue/kinds.js';

const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const POSIX_SHELLS: ReadonlySet<string> = new Set(POSIX_SHELL_NAMES);

interface Instruction {
  keyword: string;
  args: string;
  line: number;
  /** Offsets in `args` where each following physical line starts. */
  offsets: number[];
  heredocs: Array<{ body: string; raw: string }>;
}

function readInstructions(lines: string[]): Instruction[] {
  let escape = '\\';
  const out: Instruction[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(lines[i]!);
    if (m) escape = m[1]!;
    else if (!/^#\s*\w+\s*=/.test(lines[i]!)) break; // parser directives only at the very top
  }
  for (; i < lines.length; i++) {
    const first = lines[i]!;
    if (first.trim() === '' || first.trimStart().startsWith('#')) continue;
    const line = i + 1;
    let text = '';
    const offsets: number[] = [];
    let current = first;
    for (;;) {
      const trimmed = current.replace(/\s+$/, '');
      if (!trimmed.endsWith(escape) || i + 1 >= lines.length) {
        text += current;
        break;
      }
      text += trimmed.slice(0, -1);
      i++;
      while (i < lines.length && lines[i]!.trimStart().startsWith('#')) {
        offsets.push(text.length); // comments inside continuations are dropped
        i++;
      }
      if (i >= lines.length) break;
      offsets.push(text.length);
      current = lines[i]!;
    }
    const kw = /^\s*(\S+)\s*([\s\S]*)$/.exec(text)!;
    const args = kw[2]!;
    const shift = text.length - args.length;
    const heredocs: Instruction['heredocs'] = [];
    for (const h of args.matchAll(HEREDOC)) {
      const body: string[] = [];
      while (i + 1 < lines.length) {
        const l = lines[++i]!;
        if ((h[1] ? l.replace(/^\t+/, '') : l) === h[3]) break;
        body.push(l);
      }
      heredocs.push({ body: body.join('\n'), raw: `${body.join('\n')}\n${h[3]}` });
    }
    out.push({ keyword: kw[1]!.toUpperCase(), args, line, offsets: offsets.map((o) => Math.max(0, o - shift)), heredocs });
  }
  return out;
}

function stripFlags(args: string): { rest: string; cut: number } {
  const m = /^(\s*--[^\s]+)*\s*/.exec(args)!;
  return { rest: args.slice(m[0].length), cut: m[0].length };
}

function execForm(text: string): string[] | null {
  if (!text.trimStart().startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null; // not JSON: the builder runs it in shell form
  }
}

export function extractDockerfile(file: string, text: string): Extraction {
  const out = emptyExtraction();
  let shell: string[] = ['/bin/sh', '-c'];
  let workdir = '/';
  for (const ins of readInstructions(text.split(/\r?\n/))) {
    if (ins.keyword === 'FROM') ((shell = ['/bin/sh', '-c']), (workdir = '/'));
    if (ins.keyword === 'WORKDIR') {
      const dir = ins.args.trim().replace(/^(["'])(.*)\1$/, '$2');
      // A folder built from ARG/ENV values is not known here: the image's root stands in for it.
      workdir = /[$]/.test(dir) || dir === '' ? '/' : path.posix.resolve(workdir, dir);
      continue;
    }
    if (ins.keyword === 'SHELL') {
      const s = execForm(ins.args);
      if (s) shell = s;
      else out.problems.push({ file, line: ins.line, source: 'dockerfile', message: 'SHELL must be a JSON array of strings' });
      continue;
    }
    let args = ins.args;
    let offsets = ins.offsets;
    if (ins.keyword === 'ONBUILD') {
      const m = /^RUN\s+/i.exec(args);
      if (!m) continue;
      args = args.slice(m[0].length);
      offsets = offsets.map((o) => Math.max(0, o - m[0].length));
    } else if (ins.keyword !== 'RUN') continue;
    const { rest, cut } = stripFlags(args);
    offsets = offsets.map((o) => Math.max(0, o - cut));
    const privileged = /(^|\s)--security(=|\s+)insecure\b/.test(args.slice(0, cut));
    const runsIn: Pick<ExtractedCommand, 'runsIn'> = privileged ? {} : { runsIn: { kind: 'image_build', cwd: workdir } };
    const argv = execForm(rest);
    if (argv) {
      out.commands.push({
        file,
        line: ins.line,
        source: 'dockerfile',
        where: 'RUN (exec form)',
        action: { kind: 'argv', argv },
        ...runsIn,
      });
      continue;
    }
    const shellName = shell[0]!
      .split(/[\\/]/)
      .pop()!
      .replace(/\.exe$/i, '');
    if (!POSIX_SHELLS.has(shellName)) {
      out.skipped.push({
        file,
        line: ins.line,
        source: 'dockerfile',
        message: `RUN runs in ${JSON.stringify(shell)}, not a POSIX shell: not judged`,
      });
      continue;
    }
    const onlyHeredoc = ins.heredocs.length === 1 && rest.replace(HEREDOC, '').trim() === '';
    if (onlyHeredoc) {
      const body = ins.heredocs[0]!.body;
      const bodyOffsets = [...body.matchAll(/\n/g)].map((m) => m.index! + 1);
      out.commands.push({
        file,
        line: ins.line + 1,
        source: 'dockerfile',
        where: 'RUN (heredoc)',
        action: { kind: 'shell', script: body },
        offsets: bodyOffsets,
        ...runsIn,
      });
      continue;
    }
    let script = rest;
    for (const h of ins.heredocs) {
      offsets = [...offsets, script.length + 1, ...[...h.raw.matchAll(/\n/g)].map((m) => script.length + 1 + m.index! + 1)];
      script += '\n' + h.raw;
    }
    out.commands.push({ file, line: ins.line, source: 'dockerfile', where: 'RUN', action: { kind: 'shell', script }, offsets, ...runsIn });
  }
  return out;
}

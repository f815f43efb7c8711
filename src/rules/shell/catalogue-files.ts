// Files a program writes or deletes by the roles its catalogue spec gives its words (a `path` with
// `write`, `destination` or `delete` access: `python -m json.tool in.json OUT`, `python -m zipfile -e
// x.zip DIR`, `python -m venv --clear DIR`, `terraform plan -out F`). Each becomes the shell command
// it is equivalent to (`: > OUT`; files landing below DIR under names not written, as `tar -x -C
// DIR` does; `rm -rf -- DIR`), so the filesystem, self-protection and persistence rules judge it with the
// same paths and ids as the shell spelling, like the file calls of interpreter code
// (interpreter-files.ts).
import type { SimpleCommand, Word } from '../../core/ir.js';
import { withInvocation } from '../../analyze/shell/invocation.js';

/** Outputs that write no file (`-` is standard output). */
const NOT_A_FILE = /^(-|\/dev\/(null|stdout|stderr|tty|fd\/[0-9]+))$/;

const word = (value: string): Word => ({ value, static: true, raw: value });

/** Shell commands equivalent to the writes and deletes of this command's `path` roles. */
export function catalogueFileOps(cmd: SimpleCommand): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  for (const { role, word: w } of cmd.invocation?.roles ?? []) {
    if (role.kind !== 'path' || role.access === 'read' || (w.static && NOT_A_FILE.test(w.value))) continue;
    if (role.access === 'delete')
      out.push(withInvocation({ ...cmd, name: word('rm'), args: [word('-r'), word('-f'), word('--'), w], redirects: [], assignments: [] }));
    else if (role.access === 'destination')
      out.push(
        withInvocation({
          ...cmd,
          name: word('tar'),
          args: [word('-x'), word('-f'), word('-'), word('-C'), w],
          redirects: [],
          assignments: [],
        }),
      );
    else out.push(withInvocation({ ...cmd, name: word(':'), args: [], redirects: [{ op: '>', target: w }], assignments: [] }));
  }
  return out;
}

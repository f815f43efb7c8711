// What the walk knows while it goes through one script, for both outcomes of the last command:
// the working folder and the variables with statically known values if it succeeded, and if it
// failed (a failed `cd` stays put; `T=$(mktemp -d)` leaves T empty). `a && b` continues from
// success, `a || b` from failure, `a; b` from either (unless `set -e`). Subshells, pipeline
// stages and substitutions work on a fork.

/** Both folders if they agree, else unknown. */
export function join(a: string | null, b: string | null): string | null {
  return a === b ? a : null;
}

type Vars = Map<string, string>;

function intersect(a: Vars, b: Vars): Vars {
  const out = new Map<string, string>();
  for (const [k, v] of a) if (b.get(k) === v) out.set(k, v);
  return out;
}

export class State {
  /** The folders the shell may be in if the last command failed. */
  failCwds: (string | null)[];
  /**
   * Other folders the next command may run in, because an earlier `cd` joined by `;` or a
   * newline may have failed. `cwd` assumes every `cd` succeeded.
   */
  alts: (string | null)[] = [];
  /** Known variables if the last command succeeded. */
  vars: Vars = new Map();
  /** Known variables if it failed; null when the same as `vars`. */
  failVars: Vars | null = null;
  /** `set -e`: a failing command ends the script, so what follows ran after success. */
  errexit = false;
  /** CDPATH was set: `cd name` may go to any folder on it. */
  cdpath = false;
  /** IFS was set: unquoted expansions may split differently, so they are not resolved. */
  ifs = false;
  /** A nameref (`declare -n`) was made: any assignment may change another variable. */
  untracked = false;
  /** Variables known to hold a number (written by arithmetic), whose exact value is not tracked. */
  ints = new Set<string>();
  /** Variables with the integer attribute (`declare -i`): every assignment to them is arithmetic. */
  integerAttr = new Set<string>();
  /** Associative arrays (`declare -A`): their subscripts are keys, not arithmetic. */
  assoc = new Set<string>();
  /** Variables the script may have written (or unset): bash's own numbers (RANDOM, …) lose that status. */
  rewritten = new Set<string>();
  /** Any variable may have been written (`source`, a function call, `declare -n`). */
  anyRewritten = false;

  constructor(
    /** The working folder if the last command succeeded; null when unknown. */
    public cwd: string | null,
  ) {
    this.failCwds = [cwd];
  }

  fork(): State {
    const s = new State(this.cwd);
    Object.assign(s, this, {
      alts: [...this.alts],
      failCwds: [...this.failCwds],
      vars: new Map(this.vars),
      failVars: this.failVars && new Map(this.failVars),
      ints: new Set(this.ints),
      integerAttr: new Set(this.integerAttr),
      assoc: new Set(this.assoc),
      rewritten: new Set(this.rewritten),
    });
    return s;
  }

  /** After a command that changes neither folder nor variables on failure. */
  settled(): void {
    this.failCwds = [this.cwd];
    this.failVars = null;
  }

  /** A `cd` from `from` to `to`: it stays in `from` if it fails. */
  moved(from: string | null, to: string | null): void {
    this.cwd = to;
    this.failCwds = [from];
    this.failVars = null;
  }

  /** What the failure of the last command leaves: the folders and the variables. */
  failure(): { cwds: (string | null)[]; vars: Map<string, string> } {
    return { cwds: [...this.failCwds], vars: new Map(this.failVars ?? this.vars) };
  }

  /** The failure of `a && b`: either part failed. */
  failWith(prefix: { cwds: (string | null)[]; vars: Map<string, string> }): void {
    const mine = this.failure();
    this.failCwds = [...new Set([...prefix.cwds, ...mine.cwds])];
    this.failVars = intersect(prefix.vars, mine.vars);
  }

  /** Adds folders to the alternatives (not the current one, no duplicates). */
  addAlts(folders: (string | null)[]): void {
    for (const f of folders) if (f !== this.cwd && !this.alts.includes(f)) this.alts.push(f);
  }

  /** The next command runs whatever the last one did (`;`, a newline). */
  sequence(): void {
    if (!this.errexit) {
      this.addAlts(this.failCwds);
      if (this.failVars) this.vars = intersect(this.vars, this.failVars);
    }
    this.settled();
  }

  /** The next command runs only if the last one succeeded (`&&`). */
  succeeded(): void {
    this.settled();
  }

  /** The state on the failure path of the last command (`||`). */
  failurePath(): State {
    const f = this.fork();
    const [first, ...rest] = this.failCwds;
    f.cwd = first ?? null;
    f.vars = new Map(this.failVars ?? this.vars);
    f.alts = [];
    f.addAlts([...this.alts, ...rest]);
    f.settled();
    return f;
  }

  /** After `a || b`: the shell went on from a's success (kept as `cwd`) or from b. */
  orElse(b: State): void {
    this.addAlts([b.cwd, ...b.alts]);
    this.vars = intersect(this.vars, b.vars);
    this.mergeKinds([b]);
    const failed = b.failure();
    this.failCwds = failed.cwds;
    this.failVars = failed.vars;
  }

  /** After branches (if, case, loops): the folder if all agree, the variables none changed. */
  mergeWith(others: State[]): void {
    const all = [this, ...others];
    const cwd = all.every((s) => s.cwd === this.cwd) ? this.cwd : null;
    const alts = all.flatMap((s) => [s.cwd, ...s.alts]);
    this.cwd = cwd;
    this.alts = [];
    this.addAlts(cwd === null ? [] : alts);
    this.vars = all.reduce((acc, s) => intersect(acc, s.vars), new Map(this.vars));
    this.mergeKinds(others);
    this.settled();
  }

  /** After branches: numbers and associative arrays that all agree on; integer attributes any set. */
  private mergeKinds(others: State[]): void {
    for (const o of others) {
      for (const n of this.ints) if (!o.ints.has(n)) this.ints.delete(n);
      for (const n of this.assoc) if (!o.assoc.has(n)) this.assoc.delete(n);
      for (const n of o.integerAttr) this.integerAttr.add(n);
      for (const n of o.rewritten) this.rewritten.add(n);
      this.anyRewritten ||= o.anyRewritten;
    }
  }

  /** Forget what a command may have changed without our seeing it. */
  forgetVars(names?: Iterable<string>): void {
    if (!names) {
      this.vars.clear();
      this.failVars = new Map();
      this.ints.clear();
      this.anyRewritten = true;
      return;
    }
    if (!this.failVars) this.failVars = new Map(this.vars);
    for (const n of names) {
      this.vars.delete(n);
      this.failVars.delete(n);
      this.ints.delete(n);
      this.rewritten.add(n);
    }
  }
}

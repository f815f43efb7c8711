// Text an extractor cannot know at scan time (`${{ secrets.X }}` in a workflow, `$(GO)` in a
// Makefile) becomes a shell parameter the analysis treats as unknown. Each gets its own numbered
// name, so what the analysis reports (evidence, reasons) can be mapped back to the source text:
// the user reads `$(GO) run ./cmd/gen`, never an internal `${SEATBELT_MAKE_VAR_1}`.

export class Placeholders {
  private readonly originals = new Map<string, string>();
  constructor(private readonly prefix: string) {}

  /** A parameter standing for `original` (the same text gets the same name). */
  for(original: string): string {
    for (const [name, text] of this.originals) if (text === original) return name;
    const name = '${' + `${this.prefix}_${this.originals.size + 1}` + '}';
    this.originals.set(name, original);
    return name;
  }

  get size(): number {
    return this.originals.size;
  }

  /** `text` with every placeholder replaced by the source text it stands for. */
  restore(text: string): string {
    if (this.originals.size === 0 || !text.includes(this.prefix)) return text;
    const pattern = new RegExp(`\\$\\{${this.prefix}_(\\d+)\\}`, 'g');
    // A placeholder's original may hold another (a Makefile variable whose value is unknown in part).
    let out = text;
    for (let round = 0; round < 10 && pattern.test(out); round++) {
      pattern.lastIndex = 0;
      out = out.replace(pattern, (m) => this.originals.get(m) ?? m);
    }
    return out;
  }
}

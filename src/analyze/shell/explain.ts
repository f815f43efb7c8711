// Human-readable IR for `check --explain`: each simple command with its context chain, words
// (static, dynamic or glob), assignments, redirects, working folder and wrappers.
import type { Context, ShellIr, SimpleCommand, Word } from '../../core/ir.js';

function word(w: Word): string {
  if (w.vars) return `${JSON.stringify(w.value)}(from ${w.raw})`;
  if (w.static) return JSON.stringify(w.value);
  if (w.glob) return `glob(${w.value})`;
  return `dynamic(${w.raw || w.value})`;
}

function context(c: Context): string {
  return c.detail ? `${c.kind}(${c.detail})` : c.kind;
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

function command(c: SimpleCommand): string[] {
  const lines = [`#${c.id} ${c.name.value === '' ? '(assignments/redirects only)' : word(c.name)}  ← ${oneLine(c.text)}`];
  const add = (label: string, value: string) => lines.push(`    ${label.padEnd(12)}${value}`);
  if (c.args.length) add('args', c.args.map(word).join(' '));
  if (c.assignments.length) add('assignments', c.assignments.map((a) => `${a.name}=${word(a.value)}`).join(' '));
  if (c.redirects.length)
    add('redirects', c.redirects.map((r) => `${r.fd ?? ''}${r.op} ${word({ ...r.target, value: oneLine(r.target.value, 60) })}`).join(' '));
  const where = c.context.map(context);
  if (c.pipeline) where.push(`stage ${c.pipeline.stage + 1}/${c.pipeline.stages} of pipeline ${c.pipeline.id}`);
  add('context', where.length ? where.join(' › ') : 'top level');
  if (c.wrappers.length) add('wrappers', c.wrappers.join(' › '));
  const alts = (c.cwdAlternatives ?? []).map((a) => a ?? 'unknown');
  add('cwd', (c.cwd ?? 'unknown') + (alts.length ? ` (or ${alts.join(', ')} if a cd failed)` : ''));
  const inv = c.invocation;
  if (inv) {
    // The catalogue spec that judged it (a script's own for `python manage.py …`), with the subcommands and verbs it read.
    const spec = inv.spec;
    const verbs = inv.harmless ? 'harmless option given' : inv.verbs.map((v) => `${v.effect}: ${v.why}`).join('; ') || 'no verb';
    add(
      'catalogue',
      `${[spec.family + '/' + spec.names[0], ...inv.path].join(' ')} — ${verbs}${inv.undecidable ? ` (cannot read: ${inv.undecidable})` : ''}`,
    );
  }
  const notes: string[] = [];
  if (c.parentId !== undefined) notes.push(`inside #${c.parentId}`);
  if (c.fedByUnknownInput) notes.push('fed by unknown input');
  if (notes.length) add('notes', notes.join(', '));
  return lines;
}

export function explainIr(ir: ShellIr): string {
  const out: string[] = ['shell commands:'];
  if (!ir.commands.length) out.push('  (none)');
  for (const c of ir.commands) out.push(...command(c).map((l) => '  ' + l));
  if (ir.functions.length) out.push(`functions: ${ir.functions.join(', ')}`);
  if (ir.embeddedSql.length) {
    out.push('embedded sql:');
    for (const s of ir.embeddedSql)
      out.push(`  #${s.commandId} ${s.dialect ?? 'unknown dialect'}: ${s.sql === null ? '(dynamic)' : oneLine(s.sql)}`);
  }
  if (ir.undecidable.length) {
    out.push('undecidable (blocks):');
    for (const u of ir.undecidable) out.push(`  ${u.ruleId}: ${u.reason} — ${oneLine(u.evidence, 80)}`);
  }
  return out.join('\n');
}

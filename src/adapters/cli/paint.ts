// Colour for people at a terminal, nothing for pipes and files: NO_COLOR (any non-empty value)
// wins, then FORCE_COLOR, then whether the stream is a terminal that is not TERM=dumb. chalk is
// imported only when colour is wanted, so it never loads on a pipe (or on exec's usual path).

export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const plain: Paint = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

export function wantsColour(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY === true && env.TERM !== 'dumb';
}

export async function paintFor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): Promise<Paint> {
  if (!wantsColour(env, isTTY)) return plain;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, green: c.green, yellow: c.yellow, dim: c.dim, bold: c.bold };
}

/** A rule's risk in the colour of its weight: critical and high red (critical bold), medium yellow. */
export function paintRisk(risk: string, p: Paint): string {
  const level = risk.toLowerCase();
  if (level === 'critical') return p.bold(p.red(risk));
  if (level === 'high') return p.red(risk);
  if (level === 'medium') return p.yellow(risk);
  return p.dim(risk);
}

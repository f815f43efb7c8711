// A deliberately small stand-in engine until the real shell and SQL analysers land: it refuses a
// recursive delete of `/` or the home folder, and refuses any shell script it cannot split simply.
import type { Action, Analysis, AnalyzeContext, RuleMatch } from '../core/types.js';

const ROOT_DELETE: Omit<RuleMatch, 'evidence'> = {
  ruleId: 'filesystem.recursive_delete_root',
  risk: 'CRITICAL',
  reason: 'recursive delete of the root or home folder',
  remediation: 'delete the specific folder you mean, by its full path',
};

function isRecursiveDeleteOfRootOrHome(argv: string[], ctx: AnalyzeContext): boolean {
  const [name, ...args] = argv;
  if (!name || name.split('/').pop() !== 'rm') return false;
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
  const targets = args.filter((a) => !a.startsWith('-'));
  const bad = new Set(['/', '/*', '~', '~/', ctx.home, ctx.home + '/', '$HOME', '${HOME}']);
  return recursive && targets.some((t) => bad.has(t.replace(/\/+$/, '') || '/') || bad.has(t));
}

export function analyzeMinimal(action: Action, ctx: AnalyzeContext): Analysis {
  const matches: RuleMatch[] = [];
  if (action.kind === 'argv') {
    if (isRecursiveDeleteOfRootOrHome(action.argv, ctx)) matches.push({ ...ROOT_DELETE, evidence: action.argv.join(' ') });
  } else if (action.kind === 'shell') {
    for (const part of action.script.split(/[;&|\n]+/)) {
      const argv = part.trim().split(/\s+/).filter(Boolean);
      if (isRecursiveDeleteOfRootOrHome(argv, ctx)) matches.push({ ...ROOT_DELETE, evidence: part.trim() });
    }
  }
  return { action, matches, writes: false };
}

// Rules from the catalogue: a program the catalogue knows is judged by the verbs its invocation has
// (the subcommand's, and those of its options), one rule per effect, as data. `--dry-run`/`--help`
// and the like (harmless options) make an invocation change nothing. The invocation is the IR's
// (SimpleCommand.invocation, read once by the analyser).
import type { CommandInvocation, Effect, SimpleCommand } from '../../core/ir.js';
import type { Risk } from '../../core/types.js';
import type { ShellRule } from '../rule.js';

/** The effects an invocation has (none when a harmless option is given). */
export function effectsOf(inv: CommandInvocation | undefined): Effect[] {
  if (!inv || inv.harmless) return [];
  return [...new Set(inv.verbs.map((v) => v.effect))];
}

function verbDetail(inv: CommandInvocation, effect: Effect): string {
  const what = [inv.spec.names[0], ...inv.path].join(' ');
  return `${what}: ${inv.verbs
    .filter((v) => v.effect === effect)
    .map((v) => v.why)
    .join('; ')}`;
}

function effectRule(
  effect: Exclude<Effect, 'read' | 'change'>,
  id: string,
  risk: Risk,
  reason: string,
  remediation: string,
  examples: ShellRule['examples'],
): ShellRule {
  return {
    id,
    risk,
    reason,
    remediation,
    examples,
    match: (cmd: SimpleCommand) => effectsOf(cmd.invocation).includes(effect),
    detail: (cmd: SimpleCommand) => verbDetail(cmd.invocation!, effect),
  };
}

export const CATALOGUE_RULES: ShellRule[] = [
  effectRule(
    'destroy',
    'catalogue.destroy',
    'HIGH',
    'destroys data, history or infrastructure that the agent cannot bring back',
    'review it and run it by hand, or ask the operator; look first with the read-only or dry-run form (list, plan, --dry-run)',
    { block: ['gh repo delete acme/site --yes', 'flyway clean'], allow: ['gh repo view acme/site', 'flyway info'] },
  ),
  effectRule(
    'credential',
    'catalogue.credential_disclosure',
    'HIGH',
    'prints or sends a credential (a token, password or key), which the agent and its logs would then hold',
    'let the tool that needs the credential fetch it itself (a credential helper, an injected environment), instead of printing it',
    { block: ['gh auth token', 'vault kv get secret/prod/db'], allow: ['gh auth status', 'vault status'] },
  ),
  effectRule(
    'privilege',
    'catalogue.privilege_change',
    'HIGH',
    'grants access, changes privileges or exposes a resource to more people or networks',
    'ask the operator to make access changes',
    {
      block: [
        'gh repo edit acme/site --visibility public',
        'aws iam attach-user-policy --user-name bot --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
      ],
      allow: ['gh repo view acme/site --json visibility', 'aws iam list-attached-user-policies --user-name bot'],
    },
  ),
  effectRule(
    'publish',
    'catalogue.publish',
    'HIGH',
    'publishes something to the outside world that cannot be taken back (a package, a release, a message, a payment)',
    'let a person publish, or run the dry-run form first',
    { block: ['npm publish', 'gh release create v1.0.0'], allow: ['npm publish --dry-run', 'gh release list'] },
  ),
  effectRule(
    'write',
    'catalogue.write',
    'LOW',
    'changes state through a service or tool (reversible)',
    'stricter policies refuse changes; use a read-only command, or ask a person',
    { block: ['gh pr merge 12 --squash', 'gh issue close 7'], allow: ['gh pr list', 'gh issue view 7'] },
  ),
];

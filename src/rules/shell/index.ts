// Every shell rule pack, and the evaluation that runs each rule over each simple command of the
// IR and turns the IR's undecidable findings into matches (fail closed). Evidence is redacted.
import type { ShellIr } from '../../core/ir.js';
import type { AnalyzeContext, RuleMatch, Risk } from '../../core/types.js';
import type { ShellRule } from '../rule.js';
import { redactSecrets } from '../../core/redact.js';
import { FILESYSTEM_RULES } from './filesystem.js';
import { DISK_SYSTEM_RULES } from './disk-system.js';
import { REMOTE_CODE_RULES } from './remote-code.js';
import { GIT_RULES } from './git.js';
import { INFRA_RULES } from './infra.js';
import { DATABASE_RULES } from './databases.js';
import { SECRET_RULES } from './secrets.js';
import { SELF_PROTECTION_RULES } from './self-protection.js';
import { PERSISTENCE_RULES } from './persistence.js';
import { GUARD_COMMAND_RULES } from './guard-command.js';
import { CATALOGUE_RULES } from './catalogue.js';
import { RUN_FILE_RULES } from './run-files.js';
import { HTTP_RULES } from './http.js';
import { hiddenCommands } from './hidden-commands.js';
import { appliesIn } from './image-build.js';
import { indexOfList, type RulesFor } from './rule-index.js';

export { commandWrites } from './writes.js';

export const SHELL_RULES: ShellRule[] = [
  ...FILESYSTEM_RULES,
  ...DISK_SYSTEM_RULES,
  ...REMOTE_CODE_RULES,
  ...GIT_RULES,
  ...INFRA_RULES,
  ...DATABASE_RULES,
  ...SECRET_RULES,
  ...GUARD_COMMAND_RULES,
  ...CATALOGUE_RULES,
  ...RUN_FILE_RULES,
  ...HTTP_RULES,
  ...SELF_PROTECTION_RULES,
  ...PERSISTENCE_RULES,
];

/** The rules that can match a command: those naming its program, and those that judge every command. */
const rulesIndex = indexOfList(SHELL_RULES);

/** Undecidable findings that are about what the script does (HIGH); parse and limit failures are CRITICAL. */
const UNDECIDABLE_RISK: Record<string, Risk> = {
  'parse.dynamic_command': 'HIGH',
  'parse.dynamic_script': 'HIGH',
  'parse.unknown_option': 'HIGH',
  'parse.unsupported_interpreter_code': 'HIGH',
  'parse.dynamic_arithmetic': 'HIGH',
  'parse.command_rebinding': 'HIGH',
  'parse.unreadable_file': 'HIGH',
};

const UNDECIDABLE_REMEDIATION: Record<string, string> = {
  'parse.syntax_error': 'fix the shell syntax (quotes, brackets, heredoc terminators) and try again',
  'parse.unknown_node': 'rewrite the command with plainer shell constructs',
  'parse.blind_spot': 'rewrite without `time {…}`, `! {…}`, `coproc {…}`, backslash-newlines inside words or nested backticks (use $(…))',
  'parse.dynamic_command': 'write the command name literally instead of computing it ($cmd, $(…))',
  'parse.dynamic_script': "pass the script literally (bash -c '…'), or save it to a file, review it, then run the file",
  'parse.unknown_option': "spell the wrapper's options plainly, or run the command without the wrapper",
  'parse.unsupported_interpreter_code':
    'give the code literal targets (shutil.rmtree("build"), subprocess.run(["git", "status"]), open("out.txt", "w")) and no eval, reflection, aliases or names built at run time; or run the shell command directly',
  'limits.input_too_large': 'split the script into smaller commands',
  'limits.nesting_too_deep': 'flatten the nesting (fewer nested shells, substitutions or wrappers)',
  'limits.parse_timeout': 'simplify the script or split it into smaller commands',
  'parse.dynamic_arithmetic':
    'use literal numbers, or variables the script itself sets to numbers, in $((…)), ((…)), let, [[ … -eq … ]] and array subscripts: outside input (arguments, environment, read, command output) is evaluated as code there',
  'parse.command_rebinding':
    'call the program by its own name or path instead of rebinding a name (hash -p, enable -f, an alias made at run time)',
  'parse.unreadable_file':
    'run a script, code or SQL file that is a regular text file up to 1 MiB, named literally and relative to a known folder, so it can be read and judged; or review it and run it by hand',
  'limits.expansion_too_large':
    'list the paths plainly, or split the command: brace expansion past 64 words or 8 nested groups is not followed',
};

const INTERNAL_ERROR = 'rules.internal_error';
/** Fail closed: a command named like an option (`--`, `-c`) means a wrapper was misread. */
export const OPTION_AS_COMMAND = 'parse.option_as_command';

/** Evidence never carries a secret: the one redactor (src/core/redact.ts). */
export function redactEvidence(text: string): string {
  return redactSecrets(text);
}

export function undecidableRisk(ruleId: string): Risk {
  return UNDECIDABLE_RISK[ruleId] ?? 'CRITICAL';
}

/**
 * Runs every rule that can match a command over it (`rulesFor`: by default the rules naming its
 * program and those judging every command; the tests pass every rule). `ctx` fills in `ir.home`, `ir.cwd` and `ir.projectRoot` when the IR
 * builder did not set them (rules resolve `~` against the home and protect the folder the analysis started in).
 */
export function evaluateShell(ir: ShellIr, ctx?: Partial<AnalyzeContext>, rulesFor: RulesFor = rulesIndex()): RuleMatch[] {
  const view: ShellIr = {
    ...ir,
    home: ir.home ?? ctx?.home,
    cwd: ir.cwd ?? ctx?.cwd,
    projectRoot: ir.projectRoot ?? ctx?.projectRoot,
    guard: ir.guard ?? ctx?.guard,
  };
  const out: RuleMatch[] = [];
  const seen = new Set<string>();
  const add = (m: RuleMatch) => {
    const key = `${m.ruleId}\u0000${m.evidence}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  for (const u of ir.undecidable) {
    add({
      ruleId: u.ruleId,
      class: 'fail_closed',
      risk: undecidableRisk(u.ruleId),
      reason: redactEvidence(u.reason),
      remediation: UNDECIDABLE_REMEDIATION[u.ruleId] ?? 'rewrite the command so it can be analysed statically',
      evidence: redactEvidence(u.evidence),
    });
  }
  // Each command, and what it runs that the IR does not list (the words brace expansion makes, the
  // deletes its interpreter code makes): judged by every rule, with the outer command as evidence.
  const imageBuild = ctx?.runsIn === 'image_build';
  for (const cmd of view.commands.flatMap((c) => [c, ...hiddenCommands(c, view)])) {
    if (cmd.name.static && /^-./.test(cmd.name.value)) {
      // No program is named `-x`: a launcher's options were misread, so what runs is unknown.
      add({
        ruleId: OPTION_AS_COMMAND,
        class: 'fail_closed',
        risk: 'CRITICAL',
        reason: `the command name ${cmd.name.value} is an option: a wrapper's arguments were not understood`,
        remediation: UNDECIDABLE_REMEDIATION['parse.unknown_option']!,
        evidence: redactEvidence(cmd.text),
      });
    }
    for (const rule of rulesFor(cmd)) {
      if (imageBuild && !appliesIn(rule.id, ctx?.runsIn)) continue; // an image build's own files and system (image-build.ts)
      let hit: boolean;
      let detail: string | undefined;
      try {
        hit = rule.match(cmd, view);
        if (hit) detail = rule.detail?.(cmd, view);
      } catch (err) {
        // A rule that cannot judge a command must not let it through.
        add({
          ruleId: INTERNAL_ERROR,
          class: 'fail_closed',
          risk: 'CRITICAL',
          reason: `rule ${rule.id} failed: ${err instanceof Error ? err.message : String(err)}`,
          remediation: 'report this as a bug in seatbelt; the command was blocked because it could not be judged',
          evidence: redactEvidence(cmd.text),
        });
        continue;
      }
      if (!hit) continue;
      add({
        ruleId: rule.id,
        class: rule.class ?? 'rule',
        risk: rule.risk,
        reason: rule.reason,
        remediation: rule.remediation,
        evidence: redactEvidence(detail ? `${cmd.text} (${detail})` : cmd.text),
      });
    }
  }
  return out;
}

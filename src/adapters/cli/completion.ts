// `seatbelt completion bash|zsh|fish`: print the completion script, generated from the command
// definitions. The same scripts are kept in completions/ (scripts/gen-completions.mjs). The
// generator (completion-gen.ts) loads only when the command runs.
import { Argument, type Command } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof SHELLS)[number];

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description(
      'print the shell completion script (bash: source it; zsh: put it on $fpath as _seatbelt; fish: ~/.config/fish/completions/)',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action(async (shell: CompletionShell, _flags: unknown, cmd: Command) => {
      const { generateCompletion } = await import('./completion-gen.js');
      let root = cmd;
      while (root.parent) root = root.parent;
      process.stdout.write(generateCompletion(root, shell));
    });
}

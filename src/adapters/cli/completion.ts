// `seatbelt completion bash|zsh|fish`: print the completion script, generated from the command
// definitions. The same scripts are kept in completions/ (scripts/gen-completions.mjs).
import { Argument, type Command } from 'commander';
import { generateCompletion, SHELLS, type CompletionShell } from './completion-gen.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description(
      'print the shell completion script (bash: source it; zsh: put it on $fpath as _seatbelt; fish: ~/.config/fish/completions/)',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: CompletionShell, _flags: unknown, cmd: Command) => {
      let root = cmd;
      while (root.parent) root = root.parent;
      process.stdout.write(generateCompletion(root, shell));
    });
}

// What the guard protects about itself: the places whose change would switch the guard off or
// hide what it did (seatbelt's home, the trail, keys, configs, roles, the agent hosts' hook
// settings, git hooks, seatbelt's installed files). The session finds them (I/O) and passes them in
// as values; the self-protection rules judge every write, delete, move, link and mode change
// against them. Pure: types and one list of names.

export type GuardedKind =
  | 'seatbelt_home' // $SEATBELT_HOME (config, keys, keyring, roles, caches, default trail)
  | 'audit_trail' // the audit file, wherever it is, and its lock
  | 'keys' // the key folder
  | 'config' // a `.seatbelt.json` or the user config
  | 'role' // a configured role file
  | 'hook_settings' // an agent host's settings that carry the seatbelt hook
  | 'git_hooks' // a repository's hooks folder, or core.hooksPath
  | 'install'; // seatbelt's own installed files

export interface GuardedPath {
  /** Absolute, normalised. A folder protects everything under it. */
  path: string;
  kind: GuardedKind;
}

export interface GuardContext {
  /** Concrete guarded places for this session (absolute). Rules also know name patterns of their own. */
  paths: GuardedPath[];
  /**
   * Resolves symbolic links that exist now (`realpath`), or null when the path does not exist.
   * Injected by the session (the one I/O a rule may call through); absent in pure tests.
   */
  realpath?: (p: string) => string | null;
}

/** The agent hosts' settings files that carry the seatbelt hook, relative to a project or a home folder. */
export const HOST_SETTINGS: readonly string[] = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.gemini/settings.json',
  '.cursor/hooks.json',
];

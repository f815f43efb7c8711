// The corpora are judged the way the CLI judges: `openSession` and `session.check(action)` (the
// default analyser, SQL inside shell commands included, the policy from the settings, the guarded
// paths), never the rules alone. The corpus is written for a project at /home/user/project, a git
// repository, with $HOME /home/user; the session runs in a scratch copy of that layout, and the
// corpus's /home/user is mapped onto the scratch home. Settings, keys and the trail live in the
// scratch folder too (a check seals nothing), so nothing outside it is written.
//
// The scratch folder is made under the repository's .tmp/ (ignored by git), not the system's temp
// folder: the corpus judges /tmp as a place outside the project (`rm -rf /tmp/*` is allowed), which
// is false when the project itself is under /tmp.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { openSession, type Session } from '../../src/adapters/session.js';

/** The home and project the corpus is written for. */
export const CORPUS_HOME = '/home/user';
const TEMP_ROOTS = ['/tmp', '/var/tmp', '/private/tmp', '/dev/shm'];

export interface CorpusSession {
  session: Session;
  /** The scratch home that stands for /home/user. */
  home: string;
  cwd: string;
  /** A corpus text with /home/user mapped onto the scratch home. */
  place(text: string): string;
  close(): void;
}

export function openCorpusSession(): CorpusSession {
  const base = path.resolve(import.meta.dirname, '../../.tmp');
  mkdirSync(base, { recursive: true });
  const root = realpathSync(mkdtempSync(path.join(base, 'corpus-')));
  const underTemp = TEMP_ROOTS.find((t) => root === t || root.startsWith(t + '/'));
  // The corpus judges temp folders as scratch space: a project inside one would change its verdicts.
  // A checkout under a temp folder (a CI clone in /tmp) judges the corpus's own layout instead:
  // /home/user/project, which no test writes (the session only decides; nothing is sealed).
  const home = underTemp ? CORPUS_HOME : path.join(root, 'home', 'user');
  const cwd = path.join(home, 'project');
  // A repository of its own: the session's look-ups (project root, config, guarded paths) stop here.
  if (!underTemp) mkdirSync(path.join(cwd, '.git'), { recursive: true });
  vi.stubEnv('HOME', home); // `~` in commands is what the agent's shell says: $HOME
  const env = { HOME: home, SEATBELT_HOME: path.join(root, 'seatbelt-home'), SEATBELT_AUDIT: path.join(root, 'audit.jsonl') };
  const session = openSession({ autoKeys: false, cwd }, env);
  // Under a temp folder seatbelt's own files and this scratch home are in /tmp too, so `rm -rf /tmp/*`
  // would rightly touch the guard; the corpus is labelled for an install outside the temp folders.
  if (underTemp) session.ctx.guard = { paths: [] };
  if (session.resolved.settings.policy !== 'safe_defaults')
    throw new Error(`the corpus is labelled for safe_defaults, the session resolved ${session.resolved.settings.policy}`);
  return {
    session,
    home,
    cwd,
    place: (text) => text.replaceAll(CORPUS_HOME, home),
    close: () => {
      vi.unstubAllEnvs();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Every case says where it came from ("seed", "red-team", an issue, …): a non-empty string. */
export function checkSource(c: { source?: unknown }, where: string): void {
  if (typeof c.source !== 'string' || c.source.trim() === '')
    throw new Error(`${where}: every case needs a non-empty "source" (where the case came from)`);
}

// What an `-o Keyword=value` setting makes ssh (and scp, sftp, which start ssh) run: ProxyCommand,
// LocalCommand and KnownHostsCommand are shell commands run here (`sh -c`), RemoteCommand a script
// for the remote shell, XAuthLocation a program; provider libraries load native code, and Include
// or Match read settings seatbelt does not see. Every other keyword is data (ProxyJump names hosts).
import type { Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import { undecidable } from './undecidable.js';

/** Keywords whose value ssh runs through the local shell. */
const LOCAL_SCRIPT = /^(proxycommand|localcommand|knownhostscommand)$/i;
/** Keywords that load native code, or settings from elsewhere. */
const UNREAD = /^(pkcs11provider|securitykeyprovider|include|match)$/i;

/** The actions of `-o` values (each one word, as ssh takes it). */
export function sshOptionActions(values: readonly Word[], program: string, text: string): Action[] {
  const out: Action[] = [];
  const fail = (id: Parameters<typeof undecidable>[0], why: string) => out.push({ kind: 'undecidable', found: undecidable(id, why, text) });
  for (const v of values) {
    // The keyword as written: a word like `ProxyCommand="$PC"` keeps it; `"$OPT"` does not.
    const written = /^["']?([A-Za-z][A-Za-z0-9]*)(?=\s*=|\s|["']?$)/.exec(v.raw.trimStart());
    const parsed = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)([\s\S]*)$/.exec(v.value);
    const keyword = v.static ? parsed?.[1] : written?.[1];
    if (!keyword) {
      if (!v.static) fail('parse.dynamic_script', `${program} -o ${v.raw}: a setting only known when the command runs may run a command`);
      continue;
    }
    const value = parsed?.[2]?.trim() ?? '';
    const label = `${program} -o ${keyword}`;
    const runs = LOCAL_SCRIPT.test(keyword) || /^remotecommand$/i.test(keyword) || /^xauthlocation$/i.test(keyword);
    if (runs && !v.static) {
      fail('parse.dynamic_script', `${label} runs a command only known when it runs`);
    } else if (LOCAL_SCRIPT.test(keyword)) {
      if (!/^none$/i.test(value)) out.push({ kind: 'script', text: { value, static: true, raw: v.raw }, detail: label });
    } else if (/^remotecommand$/i.test(keyword)) {
      if (!/^none$/i.test(value) && value)
        out.push({ kind: 'script', text: { value, static: true, raw: v.raw }, detail: label, where: 'unknown' });
    } else if (/^xauthlocation$/i.test(keyword)) {
      if (value) out.push({ kind: 'spawn', words: [{ value, static: true, raw: value }], label });
    } else if (UNREAD.test(keyword) && !(/provider$/i.test(keyword) && v.static && /^(none|internal)$/i.test(value))) {
      fail('parse.unsupported_interpreter_code', `${label} loads code or settings seatbelt cannot read`);
    }
  }
  return out;
}

// Which paths hold secrets: private keys, cloud and tool credentials, password hashes, process
// environments (`credential`), and `.env` files (`env`, judged more leniently: projects read them).
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { globMatches, homeOf, resolveTargets, type Target } from './paths.js';

export type SecretKind = 'credential' | 'env';

const CREDENTIAL_FILES: RegExp[] = [
  /\/\.ssh\/(?!.*\.pub$)(id_[^/]+|identity|[^/]+\.(pem|key|ppk))$/,
  /\/\.aws\/(credentials|sso\/cache\/[^/]+|cli\/cache\/[^/]+)$/,
  /\/\.config\/gcloud\/(credentials\.db|access_tokens\.db|application_default_credentials\.json|legacy_credentials(\/.*)?)$/,
  /\/\.azure\/(accessTokens\.json|msal_token_cache\.[^/]+|service_principal_entries\.json)$/,
  /\/\.kube\/config$/,
  /\/\.docker\/config\.json$/,
  /\/\.(netrc|git-credentials|pgpass|my\.cnf|pypirc|vault-token|s3cfg|boto|dockercfg)$/,
  /\/\.(gem\/credentials|cargo\/credentials(\.toml)?|config\/gh\/hosts\.yml|terraform\.d\/credentials\.tfrc\.json|config\/hub|config\/rclone\/rclone\.conf)$/,
  /\/\.gnupg\/(private-keys-v1\.d(\/.*)?|secring\.gpg)$/,
  /^\/etc\/(shadow|gshadow|master\.passwd)(-)?$/,
  /^\/etc\/ssh\/ssh_host_[^/]+_key$/,
  /^\/etc\/ssl\/private(\/.*)?$/,
  /^\/etc\/kubernetes\/(admin|kubelet|controller-manager|scheduler)\.conf$/,
  /^\/etc\/kubernetes\/pki\/.+\.key$/,
  /^\/(var\/)?run\/secrets(\/.*)?$/,
  /^\/proc\/[^/]+\/environ$/,
  /\/Library\/Keychains(\/.*)?$/,
  /\/\.local\/share\/keyrings(\/.*)?$/,
  /\/\.password-store(\/.*)?$/,
  // Build tools' and package managers' credentials.
  /\/\.m2\/(settings|settings-security)\.xml$/,
  /\/\.gradle\/gradle\.properties$/,
  /\/\.(composer|config\/composer)\/auth\.json$/,
  /\/\.(npmrc|yarnrc\.yml|nuget\/NuGet\/NuGet\.Config|config\/NuGet\/NuGet\.Config)$/,
  // Browser cookie and login stores (Chrome, Chromium, Edge, Brave, Firefox, Safari).
  /\/(google-chrome|chromium|microsoft-edge|BraveSoftware\/Brave-Browser|Google\/Chrome|Microsoft Edge)\/[^/]+\/(Cookies|Login Data|Web Data)$/,
  /\/(\.mozilla\/firefox|Firefox\/Profiles)\/[^/]+\/(cookies\.sqlite|logins\.json|key4\.db)$/,
  /\/Library\/Cookies\/Cookies\.binarycookies$/,
  // seatbelt's own signing key (any home): with it an agent signs its own approvals, receipts and records.
  /\/keys\/private-key\.pem$/,
];

/** Folders that are mostly credentials: copying or archiving them copies the keys. */
const CREDENTIAL_DIRS = /\/\.(ssh|aws|gnupg|azure|kube|docker|config\/gcloud|seatbelt\/keys|seatbelt)$/;

/** `.env` files and shell or REPL histories: often full of secrets, but ordinary files too. */
function envFile(name: string): boolean {
  if (/^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|rediscli|irb|lesshst)_?history$|^\.histfile$/.test(name)) return true;
  return /^\.env(\..+)?$/.test(name) && !/\.(example|sample|template|dist|defaults?|schema|tpl|in)$/i.test(name);
}

/** Names tried against a glob's pattern to see whether it reaches a secret in its folder. */
const PROBES = [
  'id_rsa',
  'id_ed25519',
  'credentials',
  'config',
  'config.json',
  'shadow',
  'environ',
  '.env',
  '.env.local',
  '.netrc',
  '.git-credentials',
  'private-keys-v1.d',
  'admin.conf',
  '.ssh',
  '.aws',
  '.gnupg',
  '.kube',
  '.docker',
  '.azure',
];

/** Folders (below a home or the root) where PROBES live, for globs that span folders. */
const PROBE_FOLDERS = ['.ssh', '.aws', '.kube', '.docker', '.gnupg', '.config/gcloud', 'etc', 'root/.ssh', 'proc/self', 'proc/1'];

/** Private keys by their usual names, wherever they are (not used for globs: `/tmp/*` is not a key). */
const KEY_NAMES = /\/(id_rsa|id_dsa|id_ecdsa|id_ed25519|id_ecdsa_sk|id_ed25519_sk|[^/]+\.ppk)$/;

export function secretKindOfPath(path: string, home: string, byName = true): SecretKind | null {
  if (CREDENTIAL_FILES.some((re) => re.test(path)) || CREDENTIAL_DIRS.test(path) || (byName && KEY_NAMES.test(path))) return 'credential';
  if (path === `${home}/.npmrc` || /^\/(home\/[^/]+|Users\/[^/]+|root)\/\.npmrc$/.test(path)) return 'credential';
  if (envFile(path.split('/').pop() ?? '')) return 'env';
  return null;
}

export function secretKindOfTarget(t: Target, home: string): SecretKind | null {
  if (t.kind === 'unknown') return null;
  if (t.kind === 'path') return secretKindOfPath(t.path, home);
  // `cat ~/.ssh/*`, `cat /etc/sha*`, `cat ~/.s?h/id_rsa`: does the glob reach a secret below its folder?
  const segs = t.pattern.split('/').filter(Boolean);
  const probes =
    segs.length === 1
      ? PROBES
      : PROBE_FOLDERS.flatMap((d) => PROBES.map((n) => `${d}/${n}`)).filter((rel) => rel.split('/').length === segs.length);
  let kind: SecretKind | null = null;
  for (const rel of probes) {
    if (!rel.split('/').every((name, i) => globMatches(segs[i]!, name))) continue;
    const k = secretKindOfPath(`${t.base === '/' ? '' : t.base}/${rel}`, home, false);
    if (k === 'credential') return k;
    kind ??= k;
  }
  return kind;
}

/** The strongest secret a word names (also `@file`, `<file`, `name=@file`, `--opt=file`), if any. */
export function secretKindOfWord(w: Word, cmd: SimpleCommand, ir: ShellIr): SecretKind | null {
  // A word with spaces is a command line or text (`-e 'ssh -i ~/.ssh/key'`), not a path.
  if (/\s/.test(w.value)) return null;
  const candidates = new Set([w.value]);
  // `-d @f`, `-F name=@f`, `name=@f`, `name:=@f` and HTTPie's file field `name@f`.
  const m = /^(?:[\w.-]*:?=|[\w.-]+(?=@))?[@<](.+)$/.exec(w.value);
  if (m) candidates.add(m[1]!);
  const eq = /^--?[\w-]+=(.+)$/.exec(w.value);
  if (eq) candidates.add(eq[1]!.replace(/^[@<]/, ''));
  let kind: SecretKind | null = null;
  for (const v of candidates) {
    for (const t of resolveTargets({ ...w, value: v }, cmd, ir)) {
      const k = secretKindOfTarget(t, homeOf(ir));
      if (k === 'credential') return k;
      kind ??= k;
    }
  }
  return kind;
}

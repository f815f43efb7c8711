import { describe, expect, test } from 'vitest';
import { containsSecret, redactArgv, redactSecrets, secretKinds } from '../../src/core/redact.js';
import { SECRET_FORMATS } from '../../src/core/secret-formats.js';

// Each case: text holding a secret, the secret itself (must vanish), and text that must survive.
const SECRETS: [string, string, string, string][] = [
  ['aws-access-key', 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE', 'export AWS_ACCESS_KEY_ID='],
  ['aws secret (assignment)', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI', 'aws_secret_access_key'],
  ['openai', 'curl -H "x-api-key: sk-proj-abcdefghijklmnopqrstuvwx1234"', 'sk-proj-abcdefghijklmnopqrstuvwx1234', 'curl -H'],
  ['anthropic', 'ANTHROPIC_API_KEY=sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA claude', 'sk-ant-api03-AAAA', 'claude'],
  [
    'github classic',
    'git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o/r',
    'ghp_0123456789abcdefghijABCDEFGHIJ012345',
    'github.com/o/r',
  ],
  ['github fine-grained', 'GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_11ABCDEFG0123456789', 'GH='],
  ['slack bot', 'post --token xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp', 'xoxb-123456789012', 'post --token'],
  ['slack webhook', 'curl https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'T000/B000/XXXXXXXX', 'curl'],
  ['pem', 'echo "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----" > k', 'MIIEpAIBAAKCAQEA7', '> k'],
  [
    'pem without its end',
    'cat <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA',
    'b3BlbnNzaC1rZXktdjEAAAA',
    'cat <<EOF',
  ],
  ['url password', 'psql postgres://admin:hunter2@db.internal:5432/prod', 'hunter2', 'db.internal:5432/prod'],
  ['password= in args', 'deploy --db password=hunter2 --fast', 'hunter2', '--fast'],
  ['password in a query string', 'curl "https://x.io/login?user=bob&password=hunter2&next=/"', 'hunter2', 'next=/'],
  ['--password value', 'mysqladmin --password hunter2 status', 'hunter2', 'status'],
  ['mysql -p', 'mysql -u root -phunter2 prod', 'hunter2', 'prod'],
  ['bearer', 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc" x', 'eyJhbGciOiJIUzI1NiJ9', 'curl -H'],
  ['bearer alone', 'http GET api Bearer abcdefghijklmnop', 'abcdefghijklmnop', 'http GET api Bearer'],
  ['quoted value with the other quote inside', `run PASSWORD="it's-secret" now`, "it's-secret", 'now'],
  ['json secret', '{"api_key": "abc123def456", "name": "x"}', 'abc123def456', '"name": "x"'],
  ['stripe', 'STRIPE=sk_live_51Habcdefghijklmnopqrstu', 'sk_live_51Habcdefghijklmnopqrstu', 'STRIPE'],
  ['jwt', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'dozjgNryP4J3jVmNHl0w5N', 'token'],
  // Formats the shell rules knew and the trail's redactor did not (issue 17: an hf_ token kept in clear).
  [
    'huggingface',
    'HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH python train.py',
    'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH',
    'python train.py',
  ],
  ['gitlab', 'git push https://oauth2:glpat-abcdefghij0123456789@gitlab.com/o/r', 'glpat-abcdefghij0123456789', 'gitlab.com/o/r'],
  ['github oauth', 'GITHUB=gho_0123456789abcdefghijABCDEFGHIJ012345 gh api', 'gho_0123456789abcdefghijABCDEFGHIJ012345', 'gh api'],
  ['slack app', 'SLACK_APP=xapp-1-A0123456789-0123456789012-abcdef run', 'xapp-1-A0123456789', 'run'],
  ['stripe restricted', 'rk_live_51Habcdefghijklmnopqrstu0 charge', 'rk_live_51Habcdefghijklmnopqrstu0', 'charge'],
  [
    'gcp api key',
    'curl "https://maps.googleapis.com/x?key=AIzaSyA0123456789abcdefghijklmnopqrstuv"',
    'AIzaSyA0123456789abcdefghijklmnopqrstuv',
    'maps.googleapis.com',
  ],
  ['gcp oauth client secret', 'CLIENT_SECRET_X=GOCSPX-abcdefghijklmnopqrstuvwx gcloud', 'GOCSPX-abcdefghijklmnopqrstuvwx', 'gcloud'],
  [
    'gcp service account key',
    '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----\n"}',
    'MIIEvQIBADANBgkq',
    'service_account',
  ],
  [
    'azure storage key',
    'az storage --connection-string "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ==;EndpointSuffix=core"',
    'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ',
    'AccountName=x',
  ],
  [
    'azure sas',
    'curl "https://x.blob.core.windows.net/c/b?sv=2022&sp=r&sig=abcdefghijklmnopqrstuvwxyz0123%3D"',
    'abcdefghijklmnopqrstuvwxyz0123',
    'blob.core.windows.net',
  ],
  [
    'pypi',
    'twine upload -u __token__ pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoLWlqa2wtbW5vcC1xcnN0LXV2d3h5ejAxMjM0NTY3',
    'pypi-AgEIcHlwaS5vcmc',
    'twine upload',
  ],
  ['sendgrid', 'SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789 mail', 'SG.abcdefghijklmnop', 'mail'],
  [
    'npm',
    'npm config set //registry.npmjs.org/:_authToken npm_abcdefghijklmnopqrstuvwxyz0123456789',
    'npm_abcdefghijklmnopqrstuvwxyz0123456789',
    'npm config set',
  ],
  ['authorization basic', 'curl -H "Authorization: Basic YWRtaW46aHVudGVyMg==" api', 'YWRtaW46aHVudGVyMg', 'curl -H'],
  ['--password=', 'pg_dump --password=hunter2 --dbname prod', 'hunter2', '--dbname prod'],
  [
    'digitalocean',
    'doctl auth init -t dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'dop_v1_0123456789abcdef',
    'doctl auth init',
  ],
  ['shopify', 'SHOPIFY=shpat_0123456789abcdef0123456789abcdef deploy', 'shpat_0123456789abcdef0123456789abcdef', 'deploy'],
  [
    'gcp refresh token',
    'gcloud auth --refresh 1//0abcdefghijklmnopqrstuvwxyz0123456789 x',
    '1//0abcdefghijklmnopqrstuvwxyz',
    'gcloud auth',
  ],
  ['mysqldump -p', 'mysqldump -uroot -ps3cr3t-pw prod > dump.sql', 's3cr3t-pw', 'dump.sql'],
];

test('every format the core knows has a case above (a new format needs its test)', () => {
  const covered = new Set(SECRETS.flatMap(([, text]) => secretKinds(text)));
  expect(SECRET_FORMATS.map((f) => f.kind).filter((k) => !covered.has(k))).toEqual([]);
});

describe('redactSecrets', () => {
  test.each(SECRETS)('%s', (_, text, secret, kept) => {
    expect(containsSecret(text)).toBe(true);
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
    expect(out).toContain(kept);
    expect(containsSecret(out)).toBe(false);
    expect(redactSecrets(out)).toBe(out); // idempotent
  });

  test.each([
    'git commit -m "fix rm -rf handling"',
    'ls -la /tmp && mkdir -p build/out',
    'git log --author=alice --since=yesterday',
    'npm run test -- --reporter=dot',
    'echo sk-short',
    'psql -h localhost -d app -c "select 1"',
    'curl https://example.com/path?page=2',
    'export PATH=/usr/bin:$PATH',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(containsSecret(text)).toBe(false);
    expect(redactSecrets(text)).toBe(text);
  });

  test('names the kinds found', () => {
    expect(secretKinds('AKIAIOSFODNN7EXAMPLE and ghp_0123456789abcdefghijABCDEFGHIJ012345')).toEqual(['aws-access-key', 'github-token']);
  });

  test('stays fast on hostile input', () => {
    const hostile = `${'password='.repeat(20000)}${'a'.repeat(50000)} -----BEGIN PRIVATE KEY-----${'x'.repeat(100000)}`;
    const t = process.hrtime.bigint();
    redactSecrets(hostile);
    // Generous bound: a quadratic pattern would take seconds here.
    expect(Number(process.hrtime.bigint() - t) / 1e6).toBeLessThan(2000);
  });
});

describe('redactArgv', () => {
  test('redacts the value after a secret-taking flag and inside arguments', () => {
    expect(redactArgv(['deploy', '--token', 'abc', '--url', 'https://u:pw@h/x', 'plain'])).toEqual([
      'deploy',
      '--token',
      '[REDACTED]',
      '--url',
      'https://u:[REDACTED]@h/x',
      'plain',
    ]);
  });
});

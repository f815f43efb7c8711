// A real RFC 3161 time-stamping authority for the tests: `openssl ts -reply` with a throwaway CA
// and TSA certificate in a scratch folder, served over HTTP on localhost like a public TSA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Authority {
  dir: string;
  caFile: string;
  /** Stamp a DER TimeStampReq; returns the DER TimeStampResp. */
  reply(query: Uint8Array): Uint8Array;
  /** `openssl ts -verify` of a response against data: the independent check. */
  opensslVerifies(data: Uint8Array, response: Uint8Array): boolean;
  serve(): Promise<{ url: string; close: () => Promise<void> }>;
  cleanup(): void;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function timestampAuthority(): Authority {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-tsa-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=seatbelt test CA', '-days', '30',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'], dir); // prettier-ignore
  openssl(['req', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=seatbelt test TSA'], dir);
  writeFileSync(path.join(dir, 'ext.cnf'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'tsa.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'tsa.crt',
      '-days',
      '30',
      '-extfile',
      'ext.cnf',
    ],
    dir,
  );
  writeFileSync(path.join(dir, 'serial'), '01\n');
  writeFileSync(
    path.join(dir, 'ts.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa1',
      '[ tsa1 ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'crypto_device = builtin',
      'signer_cert = $dir/tsa.crt',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'other_policies = 1.2.3.4.5',
      'digests = sha256',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let n = 0;
  const reply = (query: Uint8Array) => {
    const q = path.join(dir, `q${++n}.tsq`);
    const r = path.join(dir, `r${n}.tsr`);
    writeFileSync(q, query);
    openssl(['ts', '-reply', '-queryfile', q, '-config', 'ts.cnf', '-out', r], dir);
    return new Uint8Array(readFileSync(r));
  };
  return {
    dir,
    caFile: path.join(dir, 'ca.crt'),
    reply,
    opensslVerifies(data, response) {
      const d = path.join(dir, `d${++n}`);
      const r = path.join(dir, `v${n}.tsr`);
      writeFileSync(d, data);
      writeFileSync(r, response);
      try {
        openssl(['ts', '-verify', '-data', d, '-in', r, '-CAfile', 'ca.crt', '-untrusted', 'tsa.crt'], dir);
        return true;
      } catch {
        return false;
      }
    },
    async serve() {
      const server: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
            res.writeHead(400).end();
            return;
          }
          try {
            const body = reply(new Uint8Array(Buffer.concat(chunks)));
            res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(body));
          } catch {
            res.writeHead(500).end();
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      return { url: `http://127.0.0.1:${port}/tsa`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

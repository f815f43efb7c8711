// RFC 3161 time-stamps of checkpoints: the request seatbelt sends a time-stamping authority, and the
// check of the token it returns — the token names the checkpoint's SHA-256, the TSA's signature over
// it verifies, and the TSA's certificate (allowed to time-stamp) chains to a CA the verifier trusts.
// What it proves: the checkpoint, and so every record it commits to, existed at the token's time.
import { createHash, randomBytes, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { children, DerError, integer, oid, oidText, readOne, SEQUENCE, tlv, type Tlv } from './der.js';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms a TSA signs with, the key type each needs and the digest it implies. */
const SIGNATURES: Record<string, { key: string; hash?: string }> = {
  '1.2.840.113549.1.1.1': { key: 'rsa' },
  '1.2.840.113549.1.1.11': { key: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', hash: 'sha512' },
  '1.2.840.10045.2.1': { key: 'ec' },
  '1.2.840.10045.4.3.2': { key: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', hash: 'sha512' },
  '1.3.101.112': { key: 'ed25519' },
};

export class TimestampError extends Error {}

/** A TimeStampReq for the SHA-256 of `data`, asking for the TSA's certificate; returns the DER and its nonce. */
export function timestampRequest(data: Uint8Array, nonce: Uint8Array = randomBytes(8)): { der: Uint8Array; nonce: string } {
  const digest = createHash('sha256').update(data).digest();
  const imprint = tlv(SEQUENCE, tlv(SEQUENCE, oid(OID.sha256), Uint8Array.of(0x05, 0x00)), tlv(0x04, digest));
  const der = tlv(SEQUENCE, integer(Uint8Array.of(1)), imprint, integer(nonce), Uint8Array.of(0x01, 0x01, 0xff));
  return { der, nonce: hexInt(nonce) };
}

const hexInt = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`).toString(16);

/** The token inside a TimeStampResp; throws when the TSA did not grant it. */
export function tokenOfResponse(der: Uint8Array): Uint8Array {
  const [status, token] = children(seq(readOne(der)));
  const code = status ? children(seq(status))[0] : undefined;
  if (!code || code.tag !== 0x02) throw new TimestampError('not a time-stamp response');
  const value = parseInt(hexInt(code.value), 16);
  if (value !== 0 && value !== 1) throw new TimestampError(`the time-stamping authority refused the request (status ${value})`);
  if (!token) throw new TimestampError('the response holds no time-stamp token');
  return token.bytes;
}

function isOid(t: Tlv | undefined, want: string): boolean {
  return t?.tag === 0x06 && oidText(t.value) === want;
}

function seq(t: Tlv | undefined): Uint8Array {
  if (!t || t.tag !== SEQUENCE) throw new TimestampError('expected a DER SEQUENCE');
  return t.value;
}

export interface TimestampCheck {
  time: Date;
  serial: string;
  policy: string;
  nonce: string | null;
  tsa: string;
}

/**
 * Check a token against the bytes it should stamp and the CAs trusted to vouch for TSAs.
 * Throws TimestampError naming the first thing that does not hold.
 */
export function verifyTimestamp(token: Uint8Array, data: Uint8Array, trustedCas: readonly X509Certificate[]): TimestampCheck {
  try {
    return check(token, data, trustedCas);
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    // DER that does not parse, a certificate node:crypto cannot read, a field missing where expected.
    throw new TimestampError(
      `malformed time-stamp token: ${err instanceof DerError ? err.message : String((err as Error).message ?? err)}`,
    );
  }
}

function check(token: Uint8Array, data: Uint8Array, trustedCas: readonly X509Certificate[]): TimestampCheck {
  const [type, content, ...extra] = children(seq(readOne(token)));
  if (extra.length || !isOid(type, OID.signedData) || content?.tag !== 0xa0) throw new TimestampError('the token is not CMS SignedData');
  // SignedData: version 3, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos — in that order.
  const fields = children(seq(readOne(content.value)));
  const [version, digestAlgorithms, encap] = fields;
  const signerInfos = fields.at(-1);
  const middle = fields.slice(3, -1);
  if (
    version?.tag !== 0x02 ||
    hexInt(version.value) !== '3' ||
    digestAlgorithms?.tag !== 0x31 ||
    encap?.tag !== SEQUENCE ||
    signerInfos?.tag !== 0x31 ||
    fields.length < 4 ||
    middle.some((t, i) => t.tag !== 0xa0 + i && !(t.tag === 0xa1 && i === 0))
  ) {
    throw new TimestampError('malformed SignedData in the token');
  }
  const certsField = middle.find((t) => t.tag === 0xa0);
  const [eType, eWrapped, ...eExtra] = children(encap.value);
  if (eExtra.length || !isOid(eType, OID.tstInfo) || eWrapped?.tag !== 0xa0) throw new TimestampError('the token does not carry a TSTInfo');
  const eContent = readOne(eWrapped.value);
  if (eContent.tag !== 0x04) throw new TimestampError('the TSTInfo is not an OCTET STRING');
  const tst = readTstInfo(eContent.value);

  const digest = createHash('sha256').update(data).digest();
  if (tst.imprintAlg !== OID.sha256 || !Buffer.from(tst.imprint).equals(digest)) {
    throw new TimestampError('the token stamps other bytes than this checkpoint (message imprint differs)');
  }

  const signers = children(signerInfos.value);
  if (signers.length !== 1) throw new TimestampError('the token must have exactly one signer');
  const parts = children(seq(signers[0]));
  if (parts[0]?.tag !== 0x02 || !['1', '3'].includes(hexInt(parts[0].value))) throw new TimestampError('malformed SignerInfo');
  const digestOid = oidText(children(seq(parts[2]))[0]!.value);
  const digestAlg = DIGESTS[digestOid];
  if (!children(digestAlgorithms.value).some((a) => Buffer.from(a.bytes).equals(Buffer.from(parts[2]!.bytes)))) {
    throw new TimestampError('the signer’s digest is not among the token’s digest algorithms');
  }
  const attrs = parts[3];
  if (!digestAlg || !attrs || attrs.tag !== 0xa0) throw new TimestampError('the signer uses no signed attributes or an unknown digest');
  const sigAlgParts = children(seq(parts[4]));
  const sigAlg = SIGNATURES[sigAlgParts[0]?.tag === 0x06 ? oidText(sigAlgParts[0].value) : ''];
  const paramsOk = sigAlgParts.length === 1 || (sigAlgParts.length === 2 && Buffer.from(sigAlgParts[1]!.bytes).equals(Buffer.from([5, 0])));
  if (!sigAlg || !paramsOk || (sigAlg.hash && sigAlg.hash !== digestAlg))
    throw new TimestampError('unknown or inconsistent signature algorithm');
  const signature = parts[5];
  if (!signature || signature.tag !== 0x04) throw new TimestampError('the signer has no signature');
  const md = children(attrs.value)
    .map((a) => children(seq(a)))
    .find(([t]) => t && oidText(t.value) === OID.messageDigest);
  const mdValue = md?.[1] ? children(md[1].value)[0]?.value : undefined;
  if (!mdValue || !Buffer.from(mdValue).equals(createHash(digestAlg).update(eContent.value).digest())) {
    throw new TimestampError('the signed message digest does not match the TSTInfo');
  }
  // What was signed: the attributes as a SET (RFC 5652 §5.4).
  const signedBytes = Buffer.from(attrs.bytes);
  signedBytes[0] = 0x31;

  const certs = certsField ? children(certsField.value).map((c) => new X509Certificate(Buffer.from(c.bytes))) : [];
  const hash = sigAlg.key === 'ed25519' ? null : digestAlg;
  const tsaCert = certs.find((c) => {
    try {
      if (c.publicKey.asymmetricKeyType !== sigAlg.key) return false;
      return cryptoVerify(hash, signedBytes, c.publicKey, signature.value);
    } catch {
      return false;
    }
  });
  if (!tsaCert) throw new TimestampError('no certificate in the token verifies its signature (ask the TSA to include its certificate)');
  checkSignerIdentity(parts[1], attrs, tsaCert);
  if (!(tsaCert.keyUsage ?? []).includes(OID.timeStamping))
    throw new TimestampError('the signing certificate is not allowed to time-stamp');
  const at = tst.time.getTime();
  if (at < Date.parse(tsaCert.validFrom) || at > Date.parse(tsaCert.validTo)) {
    throw new TimestampError('the token was made outside its certificate’s validity');
  }
  if (!chainsTo(tsaCert, certs, trustedCas)) throw new TimestampError('the TSA’s certificate does not chain to a trusted CA (--tsa-ca)');
  return { time: tst.time, serial: tst.serial, policy: tst.policy, nonce: tst.nonce, tsa: tsaCert.subject.replace(/\n/g, ', ') };
}

const ESS = { v1: '1.2.840.113549.1.9.16.2.12', v2: '1.2.840.113549.1.9.16.2.47' };

/**
 * The signer names its certificate twice: by serial in the signer id, and by hash in the signed
 * signing-certificate attribute (RFC 2634 / RFC 5816), which binds the signature to that certificate.
 */
function checkSignerIdentity(sid: Tlv | undefined, attrs: Tlv, cert: X509Certificate): void {
  if (sid?.tag === SEQUENCE) {
    const [issuer, serial, ...rest] = children(sid.value);
    const tbs = children(seq(children(seq(readOne(new Uint8Array(cert.raw))))[0]));
    const certIssuer = tbs[tbs[0]?.tag === 0xa0 ? 3 : 2];
    if (
      rest.length ||
      !issuer ||
      !certIssuer ||
      !Buffer.from(issuer.bytes).equals(Buffer.from(certIssuer.bytes)) ||
      serial?.tag !== 0x02 ||
      hexInt(serial.value) !== BigInt(`0x${cert.serialNumber}`).toString(16)
    ) {
      throw new TimestampError('the signer id does not name the certificate that verifies the signature');
    }
  } else if (sid?.tag !== 0x80) {
    throw new TimestampError('malformed signer id');
  }
  for (const attr of children(attrs.value)) {
    const [type, values] = children(seq(attr));
    const kind = type ? oidText(type.value) : '';
    if (kind !== ESS.v1 && kind !== ESS.v2) continue;
    const certs = children(seq(children(values!.value)[0]))[0];
    const first = children(seq(certs))[0];
    const fields = children(seq(first));
    const explicitAlg = kind === ESS.v2 && fields[0]?.tag === SEQUENCE;
    const alg = kind === ESS.v1 ? 'sha1' : explicitAlg ? DIGESTS[oidText(children(fields[0]!.value)[0]!.value)] : 'sha256';
    const hash = fields[explicitAlg ? 1 : 0];
    if (!alg || !hash || !Buffer.from(hash.value).equals(createHash(alg).update(cert.raw).digest())) {
      throw new TimestampError('the signed signing-certificate attribute names another certificate');
    }
    return;
  }
  throw new TimestampError('the token does not name its signing certificate in a signed attribute');
}

function chainsTo(cert: X509Certificate, pool: readonly X509Certificate[], roots: readonly X509Certificate[]): boolean {
  let current = cert;
  for (let depth = 0; depth < 6; depth++) {
    if (roots.some((ca) => current.checkIssued(ca) && current.verify(ca.publicKey))) return true;
    const next = pool.find((c) => c !== current && c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return false;
    current = next;
  }
  return false;
}

function readTstInfo(der: Uint8Array) {
  const f = children(seq(readOne(der)));
  const [, policy, imprint, serial, genTime] = f;
  if (!policy || !imprint || !serial || !genTime || genTime.tag !== 0x18) throw new TimestampError('malformed TSTInfo');
  const [alg, hashed] = children(seq(imprint));
  const nonce = f.slice(5).find((t) => t.tag === 0x02);
  return {
    policy: oidText(policy.value),
    imprintAlg: oidText(children(seq(alg))[0]!.value),
    imprint: hashed!.value,
    serial: hexInt(serial.value),
    time: generalizedTime(new TextDecoder().decode(genTime.value)),
    nonce: nonce ? hexInt(nonce.value) : null,
  };
}

function generalizedTime(s: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(s);
  if (!m) throw new TimestampError(`malformed genTime ${s}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}Z`);
}

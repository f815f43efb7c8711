// The transparency-log pieces against published vectors: RFC 6962 tree heads and proofs (the
// Certificate Transparency test data), and C2SP signed notes against the Go reference
// implementation's own example (golang.org/x/mod/sumdb/note: the PeterNeumann key and note).
// Hashes and signatures come from @noble, independent of node:crypto.
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha256 as nobleSha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, test } from 'vitest';
import { merkle, splitPoint, type Sha256 } from '../../src/audit/merkle.js';
import { keyIdOf, NoteError, openNote, parseNote, parseVerifierKey, signNote, verifierKey } from '../../src/audit/note.js';
import { checkpointText, parseCheckpointText } from '../../src/audit/checkpoint.js';

ed.hashes.sha512 = sha512;

const nobleHash: Sha256 = (...parts) => {
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
};
const nodeHash: Sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

// RFC 6962 test data (certificate-transparency's merkle tree tests; also transparency-dev/merkle).
const DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY = [
  {
    first: 2,
    second: 8,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    first: 2,
    second: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

describe.each([
  ['node:crypto', nodeHash],
  ['@noble/hashes', nobleHash],
])('RFC 6962 Merkle tree (%s)', (_name, sha256) => {
  const m = merkle(sha256);
  const leaves = DATA.map((d) => sha256(Uint8Array.of(0), d));

  test('the split point is the largest power of two below n, not the midpoint', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 4, 8, 512]);
  });

  test('tree heads match the published roots for every size 0..8, whole and streamed', () => {
    const b = m.builder();
    expect(hex(b.root())).toBe(ROOTS[0]);
    for (let n = 0; n <= leaves.length; n++) {
      expect(hex(m.root(leaves.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
      if (n > 0) {
        b.push(leaves[n - 1]!);
        expect(hex(b.root()), `streamed size ${n}`).toBe(ROOTS[n]);
      }
    }
  });

  test.each(INCLUSION)('inclusion proof of leaf $index in $size matches the published path', ({ index, size, proof }) => {
    const path = m.inclusionProof(leaves.slice(0, size), index);
    expect(path.map(hex)).toEqual(proof);
    expect(m.verifyInclusion(leaves[index]!, index, size, path, unhex(ROOTS[size]!))).toBe(true);
  });

  test.each(CONSISTENCY)('consistency proof $first → $second matches the published proof', ({ first, second, proof }) => {
    const p = m.consistencyProof(leaves.slice(0, second), first);
    expect(p.map(hex)).toEqual(proof);
    expect(m.verifyConsistency(first, second, p, unhex(ROOTS[first]!), unhex(ROOTS[second]!))).toBe(true);
    // The wrong old root (a rewritten history) fails.
    expect(m.verifyConsistency(first, second, p, unhex(ROOTS[first - 1]!), unhex(ROOTS[second]!))).toBe(false);
  });

  test('every proof verifies in every tree up to 40 leaves, and tampered ones do not', () => {
    const many = Array.from({ length: 40 }, (_, i) => sha256(Uint8Array.of(0, i, i * 3)));
    for (let n = 1; n <= many.length; n++) {
      const tree = many.slice(0, n);
      const root = m.root(tree);
      for (let i = 0; i < n; i++) {
        const path = m.inclusionProof(tree, i);
        expect(m.verifyInclusion(tree[i]!, i, n, path, root)).toBe(true);
        expect(m.verifyInclusion(tree[i]!, n + i, n, path, root)).toBe(false);
        if (n > 1) expect(m.verifyInclusion(tree[(i + 1) % n]!, i, n, path, root)).toBe(false);
        if (path.length) {
          const bad = path.map((p, j) => (j === 0 ? sha256(p) : p));
          expect(m.verifyInclusion(tree[i]!, i, n, bad, root)).toBe(false);
        }
      }
      for (let k = 1; k <= n; k++) {
        const proof = m.consistencyProof(tree, k);
        const oldRoot = m.root(tree.slice(0, k));
        expect(m.verifyConsistency(k, n, proof, oldRoot, root), `${k} → ${n}`).toBe(true);
        if (k < n) {
          expect(m.verifyConsistency(k, n, proof, root, root)).toBe(false);
          // A history that differs in one old leaf is not consistent with the new tree.
          const forged = [...tree.slice(0, k)];
          forged[k - 1] = sha256(forged[k - 1]!);
          expect(m.verifyConsistency(k, n, proof, m.root(forged), root)).toBe(false);
        }
      }
    }
  });
});

// golang.org/x/mod/sumdb/note, note_test.go: the reference key pair and signed note.
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const seed = new Uint8Array(Buffer.from(SKEY.split('+').slice(4).join('+'), 'base64')).subarray(1);
const nobleCrypto = { sha256: nobleHash, verify: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => ed.verify(s, m, k) };

describe('C2SP signed notes against the Go reference', () => {
  test('the verifier key parses, and its id is SHA-256(name || \\n || 0x01 || key)[:4]', () => {
    const v = parseVerifierKey(nobleHash, VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.id.toString(16)).toBe('c74f20a3');
    expect(hex(v.publicKey)).toBe(hex(ed.getPublicKey(seed)));
    expect(verifierKey(nodeHash, 'PeterNeumann', v.publicKey)).toBe(VKEY);
    expect(keyIdOf(nodeHash, 'PeterNeumann', v.publicKey)).toBe(0xc74f20a3);
  });

  test('mangled verifier keys are refused', () => {
    const bad = [
      VKEY.slice(0, -1),
      VKEY.replace('c74f20a3', 'c74f20a4'),
      VKEY.replace('PeterNeumann', 'PeterNeuman'),
      VKEY.replace('+ARpc', '+AhpC'),
      'PeterNeumann+c74f20a3',
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ];
    for (const k of bad) expect(() => parseVerifierKey(nobleHash, k), k).toThrow(NoteError);
  });

  test('signing reproduces the published note byte for byte (node:crypto signer)', () => {
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const note = signNote(
      TEXT,
      { name: 'PeterNeumann', publicKey: ed.getPublicKey(seed), sign: (msg) => nodeSign(null, msg, key) },
      nodeHash,
    );
    expect(note).toBe(NOTE);
  });

  test('the published note opens with @noble, and any change to it does not', () => {
    const v = parseVerifierKey(nobleHash, VKEY);
    expect(openNote(NOTE, [v], nobleCrypto).text).toBe(TEXT);
    expect(() => openNote(NOTE.replace('cryptography', 'cryptographY'), [v], nobleCrypto)).toThrow(NoteError);
    // A key nobody trusts is ignored, and then nothing vouches for the note.
    const other = parseVerifierKey(nobleHash, verifierKey(nobleHash, 'Other', ed.getPublicKey(new Uint8Array(32).fill(7))));
    expect(() => openNote(NOTE, [other], nobleCrypto)).toThrow(/no signature by a known key/);
  });

  test('malformed notes are refused with a reason', () => {
    for (const bad of [
      TEXT,
      NOTE.slice(0, -1),
      NOTE.replace('\u2014 ', '- '),
      `${TEXT}\n\u2014 PeterNeumann !!!\n`,
      NOTE.replace('\n', '\r'),
    ]) {
      expect(() => parseNote(bad)).toThrow(NoteError);
    }
  });
});

describe('checkpoints', () => {
  test('text round-trips and is exactly three lines', () => {
    const c = { origin: 'seatbelt.trail/0190abcd', size: 8, root: unhex(ROOTS[8]!) };
    const text = checkpointText(c);
    expect(text).toBe(`seatbelt.trail/0190abcd\n8\n${Buffer.from(unhex(ROOTS[8]!)).toString('base64')}\n`);
    expect(parseCheckpointText(text)).toEqual(c);
    for (const bad of [
      'a\n08\nAAAA\n',
      'a\n8\n',
      `a\n-1\n${Buffer.alloc(32).toString('base64')}\n`,
      `a\n1\n${Buffer.alloc(31).toString('base64')}\n`,
    ]) {
      expect(() => parseCheckpointText(bad), bad).toThrow(NoteError);
    }
  });
});

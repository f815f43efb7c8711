// The RFC 6962 Merkle tree over the trail's record hashes (each already a leaf hash,
// SHA-256(0x00 || …)): tree heads, inclusion and consistency proofs, and their verification as
// RFC 9162 §2.1.3.2 and §2.1.4.2 give them. Pure: the SHA-256 is injected, so the browser verifier
// can use @noble/hashes and the CLI node:crypto.

export type Sha256 = (...parts: Uint8Array[]) => Uint8Array;

export interface Merkle {
  /** The root of the tree over these leaf hashes (the empty tree's root is SHA-256 of nothing). */
  root(leaves: readonly Uint8Array[]): Uint8Array;
  /** The audit path of leaf `index` in the tree over `leaves`. */
  inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[];
  /** The proof that the tree over the first `size` leaves is a prefix of the tree over all `leaves`. */
  consistencyProof(leaves: readonly Uint8Array[], size: number): Uint8Array[];
  verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean;
  verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean;
  /** A root kept up to date leaf by leaf in O(log n) memory (verify streams the trail through it); `from` resumes a frontier. */
  builder(from?: readonly { size: number; hash: Uint8Array }[]): TreeBuilder;
}

export interface TreeBuilder {
  push(leaf: Uint8Array): void;
  readonly size: number;
  root(): Uint8Array;
  /** The perfect subtrees the tree is made of, largest first: enough to go on growing it later. */
  frontier(): { size: number; hash: Uint8Array }[];
}

/** The largest power of two smaller than n (n ≥ 2): RFC 6962's split point. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function merkle(sha256: Sha256): Merkle {
  const NODE = Uint8Array.of(1);
  const node = (left: Uint8Array, right: Uint8Array) => sha256(NODE, left, right);

  function rootOf(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
    const n = hi - lo;
    if (n === 0) return sha256();
    if (n === 1) return leaves[lo]!;
    const k = splitPoint(n);
    return node(rootOf(leaves, lo, lo + k), rootOf(leaves, lo + k, hi));
  }

  function path(leaves: readonly Uint8Array[], m: number, lo: number, hi: number): Uint8Array[] {
    const n = hi - lo;
    if (n <= 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...path(leaves, m, lo, lo + k), rootOf(leaves, lo + k, hi)];
    return [...path(leaves, m - k, lo + k, hi), rootOf(leaves, lo, lo + k)];
  }

  function subproof(leaves: readonly Uint8Array[], m: number, lo: number, hi: number, whole: boolean): Uint8Array[] {
    const n = hi - lo;
    if (m === n) return whole ? [] : [rootOf(leaves, lo, hi)];
    const k = splitPoint(n);
    if (m <= k) return [...subproof(leaves, m, lo, lo + k, whole), rootOf(leaves, lo + k, hi)];
    return [...subproof(leaves, m - k, lo + k, hi, false), rootOf(leaves, lo, lo + k)];
  }

  return {
    root: (leaves) => rootOf(leaves, 0, leaves.length),

    inclusionProof(leaves, index) {
      if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
        throw new RangeError(`leaf index ${index} is outside a tree of ${leaves.length}`);
      }
      return path(leaves, index, 0, leaves.length);
    },

    consistencyProof(leaves, size) {
      if (!Number.isSafeInteger(size) || size < 1 || size > leaves.length) {
        throw new RangeError(`tree size ${size} is not between 1 and ${leaves.length}`);
      }
      return size === leaves.length ? [] : subproof(leaves, size, 0, leaves.length, true);
    },

    verifyInclusion(leaf, index, size, proof, root) {
      if (!(index >= 0 && index < size)) return false;
      let fn = index;
      let sn = size - 1;
      let r = leaf;
      for (const p of proof) {
        if (sn === 0) return false;
        if (isOdd(fn) || fn === sn) {
          r = node(p, r);
          if (!isOdd(fn)) {
            while (fn !== 0 && !isOdd(fn)) {
              fn = half(fn);
              sn = half(sn);
            }
          }
        } else {
          r = node(r, p);
        }
        fn = half(fn);
        sn = half(sn);
      }
      return sn === 0 && equalBytes(r, root);
    },

    verifyConsistency(size1, size2, proof, root1, root2) {
      if (!(size1 >= 1 && size1 <= size2)) return false;
      if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2);
      // A first tree that is a whole subtree is its own first proof element.
      const path = splitPoint(size1 + 1) === size1 ? [root1, ...proof] : [...proof];
      if (path.length === 0) return false;
      let fn = size1 - 1;
      let sn = size2 - 1;
      while (isOdd(fn)) {
        fn = half(fn);
        sn = half(sn);
      }
      let fr = path[0]!;
      let sr = path[0]!;
      for (const c of path.slice(1)) {
        if (sn === 0) return false;
        if (isOdd(fn) || fn === sn) {
          fr = node(c, fr);
          sr = node(c, sr);
          if (!isOdd(fn)) {
            while (fn !== 0 && !isOdd(fn)) {
              fn = half(fn);
              sn = half(sn);
            }
          }
        } else {
          sr = node(sr, c);
        }
        fn = half(fn);
        sn = half(sn);
      }
      return sn === 0 && equalBytes(fr, root1) && equalBytes(sr, root2);
    },

    builder(from = []) {
      // Perfect subtrees of decreasing size (the binary digits of the count); the root folds them from the right.
      const stack: { size: number; hash: Uint8Array }[] = from.map((f) => ({ ...f }));
      let count = stack.reduce((n, f) => n + f.size, 0);
      return {
        push(leaf) {
          let top = { size: 1, hash: leaf };
          while (stack.length && stack[stack.length - 1]!.size === top.size) {
            const left = stack.pop()!;
            top = { size: left.size * 2, hash: node(left.hash, top.hash) };
          }
          stack.push(top);
          count++;
        },
        get size() {
          return count;
        },
        frontier: () => stack.map((f) => ({ ...f })),
        root() {
          if (!stack.length) return sha256();
          let h = stack[stack.length - 1]!.hash;
          for (let i = stack.length - 2; i >= 0; i--) h = node(stack[i]!.hash, h);
          return h;
        },
      };
    },
  };
}

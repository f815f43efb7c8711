// A pure function of input text, remembered: the analysis and the records ask the same questions
// about the same names and texts many times. Keys come from input, so the memo is bounded: past
// `entries` keys the oldest is forgotten (a Map keeps insertion order).

/** `fn`, answering a key it has seen from memory (at most `entries` keys remembered). */
export function boundedMemo<K, V>(fn: (key: K) => V, entries: number): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    if (memo.has(key)) return memo.get(key)!;
    const value = fn(key);
    if (memo.size >= entries) memo.delete(memo.keys().next().value!);
    memo.set(key, value);
    return value;
  };
}

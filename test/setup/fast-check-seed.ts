// Property tests run with a fixed seed, so CI is deterministic; SEATBELT_FUZZ_SEED=random (or a
// number) explores further. A failure prints its seed and path to replay it.
import fc from 'fast-check';

const seed = process.env.SEATBELT_FUZZ_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed && Number.isFinite(Number(seed)) ? Number(seed) : 20261121 });

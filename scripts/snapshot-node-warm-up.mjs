// Node's own functions that seatbelt's hot commands call, called once while the start-up snapshot is
// made (scripts/snapshot.mjs) so that their compiled code is in it. The bundle's warm-up
// (src/adapters/cli/warm-up.ts) may touch no file, key or process; Node's code behind those calls was
// then compiled at every run: ~250 functions of a host hook (streams, sockets, key objects,
// signatures, fs, timers) and ~150 of `exec -- true` (spawning and waiting), measured with V8's
// --log-function-events. Everything here is a throwaway (a folder, a key, a child process) and is
// gone before the snapshot is taken; nothing of it is kept.
//
// Not here: randomUUID (Node keeps a pool of random bytes for it, which a snapshot would freeze), and
// process.stdin/stdout/stderr (Node makes them on first use; one made here would be the snapshot's).

/**
 * Runs the calls. Its source is copied into the builder (which can require only Node's built-ins),
 * so it takes the built-ins it uses as arguments and closes over nothing.
 */
export async function warmUpNode({ fs, os, path, crypto, childProcess, url }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatbelt-snapshot-warm-up-'));
  try {
    // The trail: a folder, an append, fsync, stat, links resolved, a lock file made and removed.
    const file = path.join(dir, 'trail');
    fs.mkdirSync(path.join(dir, 'home'), { recursive: true, mode: 0o700 });
    const fd = fs.openSync(file, 'a+', 0o600);
    fs.writeSync(fd, Buffer.from('{"warm":"up"}\n'));
    fs.fsyncSync(fd);
    fs.fstatSync(fd);
    fs.readFileSync(fd, 'utf8');
    fs.closeSync(fd);
    fs.statSync(file).isFile();
    fs.statSync(file, { bigint: true }).isFile();
    fs.lstatSync(file);
    fs.existsSync(file);
    fs.realpathSync.native(file);
    fs.writeFileSync(`${file}.lock`, 'pid', { flag: 'wx', mode: 0o600 });
    fs.unlinkSync(`${file}.lock`);
    // The signing key: a throwaway Ed25519 key, parsed from PEM and used as the trail's signer is.
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const key = crypto.createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
    crypto
      .createHash('sha256')
      .update(crypto.createPublicKey(key).export({ format: 'der', type: 'spki' }))
      .digest('hex');
    crypto.sign(null, Buffer.from('warm-up'), key);
    // Event ids (UUIDv7: time and random bytes in a buffer) and the bytes of records.
    const id = crypto.randomBytes(16);
    crypto.randomFillSync(Buffer.alloc(16));
    id.writeUInt32BE(1, 0);
    id.readUInt16BE(4);
    id.subarray(0, 4).equals(id.slice(0, 4));
    id.lastIndexOf(10);
    Buffer.byteLength('{"warm":"up"}');
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from('{"warm":"up"}'));
    url.fileURLToPath(new URL(url.pathToFileURL(file).href));
    os.userInfo();
    // A hook's payload on stdin: a file (a stream over it), or a pipe (here a child's, read to its end).
    await new Promise((resolve, reject) => {
      fs.createReadStream(file)
        .on('data', () => {})
        .on('end', resolve)
        .on('error', reject);
    });
    // exec: a child started, waited for, its exit read.
    await new Promise((resolve, reject) => {
      const child = childProcess.spawn(process.execPath, ['-e', 'process.stdout.write("warm-up")'], {
        stdio: ['ignore', 'pipe', 'ignore'],
        env: {},
      });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', () => {});
      child.on('error', reject);
      child.on('close', resolve);
    });
    await new Promise((resolve) => {
      clearTimeout(setTimeout(() => {}, 60_000));
      setImmediate(() => setTimeout(resolve, 1));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

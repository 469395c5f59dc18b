/**
 * Runs `fn` with console output and direct stdout/stderr writes captured, and
 * returns what was printed. CDK prints its own validation report during synth;
 * oar reports the same findings in its own format, so the raw text is kept for
 * --verbose instead of interleaving with progress output.
 */
export async function quietly<T>(fn: () => Promise<T> | T): Promise<{ value?: T; error?: unknown; printed: string }> {
  const chunks: string[] = [];
  const saved = {
    log: console.log,
    warn: console.warn,
    error: console.error,
    info: console.info,
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const capture = (...args: unknown[]) => {
    chunks.push(`${args.map(String).join(' ')}\n`);
  };
  const captureWrite = (chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  console.log = console.warn = console.error = console.info = capture;
  process.stdout.write = captureWrite;
  process.stderr.write = captureWrite;
  try {
    return { value: await fn(), printed: chunks.join('') };
  } catch (error) {
    return { error, printed: chunks.join('') };
  } finally {
    Object.assign(console, { log: saved.log, warn: saved.warn, error: saved.error, info: saved.info });
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

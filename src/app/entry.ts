/**
 * Runs a CLI entry and sets the exit code; shared by the plain entry (cli.ts) and the start-up
 * snapshot (snapshot.ts). A reader that goes away (`img-advisor help | head`) closes the pipe:
 * that ends the run quietly instead of an EPIPE stack trace. A closed stderr is ignored, so a
 * bot never stops because nothing reads its messages.
 */
export function runCli(run: () => Promise<number>): void {
  const onError = (exit: boolean) => (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    if (exit) process.exit(process.exitCode ?? 0);
  };
  process.stdout.on('error', onError(true));
  process.stderr.on('error', onError(false));
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`img-advisor: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

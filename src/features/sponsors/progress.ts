import cliProgress from 'cli-progress';
import type { Progress } from './import.js';

/**
 * A progress bar on stderr for a person watching an import: share of the file read, rows stored,
 * rows per second and time left. Nothing at all when stderr is not a terminal (scripts, CI, logs).
 */
export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  return {
    start(totalBytes) {
      started = performance.now();
      bar.start(Math.max(1, totalBytes), 0, { rows: 0, speed: 0 });
    },
    update(bytes, rows) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(bytes, {
        rows: rows.toLocaleString('en-US'),
        speed: seconds > 0 ? Math.round(rows / seconds).toLocaleString('en-US') : 0,
      });
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * A progress bar on stderr (trials done, ETA) for runs longer than a second; silent when disabled or
 * when stderr is not a terminal, so logs and pipes stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

const SHOW_AFTER_MS = 1000;

export function startProgress(options: { total: number; enabled: boolean; label: string }): Progress {
  if (!options.enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  let last = 0;
  return {
    update(done, total) {
      last = done;
      if (bar === null) {
        if (Date.now() - started < SHOW_AFTER_MS || done >= total) return;
        bar = new cliProgress.SingleBar({
          stream: process.stderr,
          format: `{bar} {value}/{total} ${options.label} | {percentage}% | ETA {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
        }, cliProgress.Presets.shades_classic);
        bar.start(total, last);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

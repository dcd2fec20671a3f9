import cliProgress from 'cli-progress';

/**
 * Progress on stderr: a bar on a TTY, a plain line every few seconds otherwise (logs, CI), nothing with --quiet.
 * `update` may be called as often as wanted; cli-progress throttles the drawing.
 */
export function progressBar(label: string, options: { quiet?: boolean } = {}) {
  if (options.quiet) return { start() {}, update() {}, stop() {} };
  const tty = Boolean(process.stderr.isTTY);
  const bar = new cliProgress.SingleBar({
    format: `${label} [{bar}] {percentage}% | {detail}`,
    stream: process.stderr,
    noTTYOutput: !tty,
    notTTYSchedule: 3000,
    hideCursor: tty,
    clearOnComplete: false,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    start(total: number, detail = '') { bar.start(Math.max(total, 1), 0, { detail }); started = true; },
    update(value: number, detail: string) { if (started) bar.update(value, { detail }); },
    stop() { if (started) bar.stop(); started = false; },
  };
}

export function formatRate(n: number, seconds: number): string {
  return seconds > 0 ? `${Math.round(n / seconds).toLocaleString('en-US')}/s` : '';
}

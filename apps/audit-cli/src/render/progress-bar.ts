/** A progress bar drawn on a stream (stderr): redrawn in place on a terminal, in 10 % steps otherwise. */
export class ProgressBar {
  private lastStep = -1;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly label: string,
    private readonly width = 30,
  ) {}

  update(done: number, total: number, note = ''): void {
    const ratio = total <= 0 ? 1 : Math.min(1, done / total);
    const percent = Math.floor(ratio * 100);
    if (!this.out.isTTY && Math.floor(percent / 10) === this.lastStep && done < total) return;
    this.lastStep = Math.floor(percent / 10);
    const filled = Math.round(ratio * this.width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
    const text = `${this.label} [${bar}] ${String(percent).padStart(3)}% ${done}/${total}${note ? ` ${note}` : ''}`;
    this.out.write(this.out.isTTY ? `\r${text}\u001b[K` : `${text}\n`);
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}

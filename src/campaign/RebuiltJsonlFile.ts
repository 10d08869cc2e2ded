/**
 * A JSONL file (`episode_metrics.jsonl`, `events.jsonl`) rebuilt in episode-index order on every run and resume. Lines equal to
 * the bytes already on disk are only checked; the file is first touched when a line differs (a line
 * cut by a SIGKILL, a new episode) and that line's episode is new, or when a complete run ends.
 * So a resume that fails while verifying (RESUME_MISMATCH) leaves the file exactly as it was.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fromFsError } from '../store/fsError.ts';

export class RebuiltJsonlFile {
  private readonly previous: Buffer;
  /** Bytes of `previous` confirmed by rebuilt lines. */
  private matched = 0;
  /** Rebuilt lines that differ from the disk, waiting for a reason to change the file. */
  private held: Buffer[] = [];
  private fd: number | null = null;
  private position = 0;

  constructor(private readonly path: string) {
    this.previous = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
  }

  /** The next line in index order; `isNew` when its episode was written (not verified) in this invocation. */
  append(line: string, isNew: boolean): void {
    const bytes = Buffer.from(line, 'utf8');
    if (this.fd !== null) {
      this.write(bytes);
      return;
    }
    if (this.held.length === 0 && this.previous.subarray(this.matched, this.matched + bytes.length).equals(bytes)) {
      this.matched += bytes.length;
      return;
    }
    this.held.push(bytes);
    if (isNew) this.open();
  }

  /** Every episode's line has been appended: the file must hold exactly them. */
  complete(): void {
    if (this.fd === null && (this.held.length > 0 || this.matched !== this.previous.length)) this.open();
  }

  close(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }

  /** Keeps the confirmed prefix, drops the rest, and writes the held lines after it. */
  private open(): void {
    try {
      this.fd = openSync(this.path, existsSync(this.path) ? 'r+' : 'w');
      ftruncateSync(this.fd, this.matched);
    } catch (error) {
      throw fromFsError(error, this.path);
    }
    this.position = this.matched;
    for (const bytes of this.held) this.write(bytes);
    this.held = [];
  }

  private write(bytes: Buffer): void {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.position + done);
    } catch (error) {
      throw fromFsError(error, this.path);
    }
    this.position += bytes.length;
  }
}

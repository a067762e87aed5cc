import type { SeatStatus } from "../api/types";

/** One change of an event's seats, numbered by the event's sequence (inventory's stream). */
export interface SeatChange { seq: number; seatIds: string[]; status: SeatStatus }

/** Changes to apply on top of a snapshot, and whether the map is now exact or needs another snapshot soon. */
export interface SnapshotStep { replay: SeatChange[]; exact: boolean }

/** How many changes are kept to replay while the map waits for a snapshot (a busy on-sale makes a few hundred a second). */
const MaxLog = 5000;

/**
 * Keeps a seat map exact from a snapshot plus the stream's numbered changes, as a trading client keeps an order book:
 * changes that arrive before the snapshot are kept and replayed on it (only those newer than it), later ones are
 * applied in order, and a missing number (a dropped message, a reconnect) asks for a fresh snapshot rather than
 * leaving a map that is silently wrong. Meanwhile every change is still applied, so the map is never further behind
 * than what the stream said. Pure logic: the hook (useLiveSeats) owns the state and the requests.
 */
export class SeatFeed {
  /** The change the map reflects exactly, or null while it is not known to be exact. */
  private last: number | null = null;
  /** The stream delivers every change numbered above this (its "ready"); null until it said so. */
  private streamFrom: number | null = null;
  /** The latest changes received, in order, to replay on a snapshot older than they are. */
  private log: SeatChange[] = [];

  get exact(): boolean {
    return this.last !== null;
  }

  /** Whether the stream said it listens: only then can a snapshot become exact. */
  get listening(): boolean {
    return this.streamFrom !== null;
  }

  /** The stream listens (first connect or a reconnect) and delivers every change numbered above `from`. */
  ready(from: number): void {
    this.streamFrom = from;
    // Changes made while the stream was down are missing: the map needs a snapshot again.
    if (this.last !== null && this.last < from) this.last = null;
  }

  /** A change from the stream: whether to apply it (an old or repeated one is not), and whether a snapshot is needed now. */
  receive(change: SeatChange): { apply: boolean; resync: boolean } {
    if (this.last !== null && change.seq <= this.last) return { apply: false, resync: false };
    this.log.push(change);
    if (this.log.length > MaxLog) this.log.shift();
    if (this.last === null) return { apply: true, resync: false };
    if (change.seq === this.last + 1) {
      this.last = change.seq;
      return { apply: true, resync: false };
    }
    this.last = null;
    return { apply: true, resync: true };
  }

  /** A snapshot that reflects the changes up to `seq` replaced the map: the changes to replay on it, and whether it is now exact. */
  snapshot(seq: number): SnapshotStep {
    const replay = this.log.filter((c) => c.seq > seq);
    // Exact only if the stream covers everything after the snapshot and no number is missing in between.
    let exact = this.streamFrom !== null && this.streamFrom <= seq;
    let expected = seq + 1;
    for (const change of replay) {
      if (change.seq !== expected) exact = false;
      expected = change.seq + 1;
    }
    this.last = exact ? expected - 1 : null;
    return { replay, exact };
  }
}

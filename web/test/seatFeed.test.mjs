// The live seat map's consistency logic (src/components/seatFeed.ts), compiled by `npm test` into test-build/.
// A map is simulated as the hook keeps it: a snapshot replaces it, then the replay and each applied change set seats.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SeatFeed } from "../test-build/components/seatFeed.js";

const change = (seq, status, ...seatIds) => ({ seq, status, seatIds });

/** What the hook does with the feed, on a plain Map. */
class Watcher {
  feed = new SeatFeed();
  map = new Map();
  resyncs = 0;
  ready(from) { this.feed.ready(from); }
  receive(c) {
    const step = this.feed.receive(c);
    if (step.resync) this.resyncs++;
    if (step.apply) for (const id of c.seatIds) this.map.set(id, c.status);
  }
  snapshot(seq, seats) {
    const { replay, exact } = this.feed.snapshot(seq);
    this.map = new Map(Object.entries(seats));
    for (const c of replay) for (const id of c.seatIds) this.map.set(id, c.status);
    return exact;
  }
}

test("changes that arrive before the snapshot are replayed on it, only those newer than it", () => {
  const w = new Watcher();
  w.ready(10);
  w.receive(change(11, "held", "a"));
  w.receive(change(12, "held", "b"));
  w.receive(change(13, "available", "a"));
  // The snapshot already has change 11 (a held) but not 12 and 13.
  assert.equal(w.snapshot(11, { a: "held", b: "available" }), true);
  assert.deepEqual(Object.fromEntries(w.map), { a: "available", b: "held" });
  assert.equal(w.feed.exact, true);
});

test("an older snapshot never overwrites newer changes", () => {
  const w = new Watcher();
  w.ready(5);
  w.receive(change(6, "held", "a"));
  w.receive(change(7, "sold", "a"));
  assert.equal(w.snapshot(5, { a: "available" }), true);
  assert.equal(w.map.get("a"), "sold");
});

test("changes after the snapshot apply in order; old and repeated ones are ignored", () => {
  const w = new Watcher();
  w.ready(0);
  w.snapshot(3, { a: "available", b: "available" });
  w.receive(change(4, "held", "a"));
  w.receive(change(4, "held", "a"));
  w.receive(change(2, "sold", "b"));
  assert.deepEqual(Object.fromEntries(w.map), { a: "held", b: "available" });
  assert.equal(w.resyncs, 0);
});

test("a gap in the numbers asks for a fresh snapshot, which makes the map exact again", () => {
  const w = new Watcher();
  w.ready(0);
  w.snapshot(1, { a: "available", b: "available", c: "available" });
  w.receive(change(2, "held", "a"));
  w.receive(change(4, "held", "c")); // 3 (b sold) was dropped
  assert.equal(w.resyncs, 1);
  assert.equal(w.feed.exact, false);
  assert.equal(w.snapshot(4, { a: "held", b: "sold", c: "held" }), true);
  assert.deepEqual(Object.fromEntries(w.map), { a: "held", b: "sold", c: "held" });
  w.receive(change(5, "available", "a"));
  assert.equal(w.map.get("a"), "available");
  assert.equal(w.resyncs, 1);
});

test("a snapshot older than the stream's start is not exact: changes made before the stream listened are missing", () => {
  const w = new Watcher();
  w.ready(20); // changes up to 20 were made before the stream listened
  assert.equal(w.snapshot(18, { a: "available" }), false);
  assert.equal(w.feed.exact, false);
  // The next snapshot, newer than the stream's start, is.
  w.receive(change(21, "held", "a"));
  assert.equal(w.snapshot(20, { a: "available" }), true);
  assert.equal(w.map.get("a"), "held");
});

test("a snapshot that still misses a number between it and the kept changes is not exact", () => {
  const w = new Watcher();
  w.ready(0);
  w.receive(change(5, "held", "a"));
  assert.equal(w.snapshot(3, { a: "available" }), false); // 4 is neither in the snapshot nor received
  assert.equal(w.map.get("a"), "held"); // still as fresh as what the stream said
});

test("a reconnect after which changes were made needs a snapshot again", () => {
  const w = new Watcher();
  w.ready(0);
  w.snapshot(2, { a: "available" });
  assert.equal(w.feed.exact, true);
  w.ready(2); // reconnected with nothing missed
  assert.equal(w.feed.exact, true);
  w.ready(9); // reconnected after changes 3-9
  assert.equal(w.feed.exact, false);
  assert.equal(w.snapshot(9, { a: "sold" }), true);
  assert.equal(w.map.get("a"), "sold");
});

test("convergence: any interleaving of a snapshot with the stream ends in the server's map", () => {
  const seats = ["a", "b", "c", "d"];
  const statuses = ["available", "held", "sold"];
  for (let trial = 0; trial < 500; trial++) {
    let seed = trial + 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    // The server's history: changes 1..n, and its map after each.
    const n = 30;
    const history = [];
    const server = [Object.fromEntries(seats.map((s) => [s, "available"]))];
    for (let seq = 1; seq <= n; seq++) {
      const c = change(seq, statuses[Math.floor(random() * 3)], seats[Math.floor(random() * 4)]);
      history.push(c);
      server.push({ ...server[seq - 1], [c.seatIds[0]]: c.status });
    }
    const streamFrom = Math.floor(random() * 10);
    const w = new Watcher();
    w.ready(streamFrom);
    // The snapshot is taken at some change at or after the stream's start and arrives at some point of the stream.
    const snapshotAt = streamFrom + Math.floor(random() * (n - streamFrom));
    const arrivesAfter = streamFrom + Math.floor(random() * (n - streamFrom));
    for (let seq = streamFrom + 1; seq <= n; seq++) {
      if (seq - 1 === arrivesAfter) assert.equal(w.snapshot(snapshotAt, server[snapshotAt]), true);
      w.receive(history[seq - 1]);
    }
    if (arrivesAfter === n) w.snapshot(snapshotAt, server[snapshotAt]);
    assert.deepEqual(Object.fromEntries(w.map), server[n], `trial ${trial}`);
  }
});

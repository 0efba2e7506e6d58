#!/usr/bin/env python3
"""Fault drill: floods.

1. Refused calls: caitiao_bench sends GetCase with a well-formed but unknown
   token at --rate calls per second (2,000 by default) for --seconds, while
   an authenticated GetCase load runs at 200/s, open loop; the same
   authenticated load also runs alone. Pairs alternate (alone, flooded,
   alone, flooded, ...). Checks: the refusals become a few audit records per
   interval, not one each (the audit log folds refusals of a kind: see
   AuditRecord.repeats), and their counts add up to the refusals answered;
   the authenticated p99 under the flood stays within 2x of the p99 alone
   (median of the pairs).
2. Watchers: --watchers WatchRoomQueue streams of the demo room at once
   (500 by default; the server runs with --max_watchers to match) while
   cases are delegated to the room. Checks: every stream is served and sees
   every delegation; one stream past the maximum is refused with
   RESOURCE_EXHAUSTED (TOO_MANY_WATCHERS); the server's peak RSS is printed
   and must stay under --max_rss_mib.

    flood_drill.py --caitiaod build/services/caitiaod --bench build/clients/bench/caitiao_bench --proto-dir proto
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call  # noqa: E402

pb = None
failures = []


def check(ok, what):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)


def result_line(output):
    """The key=value pairs of caitiao_bench's RESULT line."""
    for line in output.splitlines():
        if line.startswith("RESULT "):
            return dict(kv.split("=", 1) for kv in line.split()[1:])
    raise AssertionError(f"no RESULT line in:\n{output}")


def bench(args, server, token, rate, seconds, ids_file, label, warmup="0.5s"):
    command = [args.bench, f"--target=127.0.0.1:{server.port}", "--workload=get", f"--ids_file={ids_file}",
               f"--token={token}", f"--rate={rate}", f"--duration={seconds}s", f"--warmup={warmup}",
               "--preload=0", "--concurrency=64", "--threads=2", "--timeout=5s", f"--label={label}"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def memory_of(pid):
    """(VmRSS, VmHWM) of the process, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    def mib(key):
        return int(re.search(rf"^{key}:\s+(\d+) kB", status, re.M).group(1)) / 1024
    return mib("VmRSS"), mib("VmHWM")


def refusals(server):
    rows, repeats = server.psql("SELECT count(*), coalesce(sum(repeats), 0) FROM audit_records "
                                "WHERE outcome = 'UNAUTHENTICATED'").strip().split("|")
    return int(rows), int(repeats)


def refused_calls(args, server, staff, ids_file):
    print(f"refused calls: {args.rate}/s with an unknown token for {args.seconds} s, {args.pairs} pairs", flush=True)
    real = staff.token
    unknown = real[:-6] + ("AAAAAA" if not real.endswith("AAAAAA") else "BBBBBB")
    alone, flooded, refused_total = [], [], 0
    rows_before, repeats_before = refusals(server)
    for pair in range(args.pairs):
        quiet = bench(args, server, real, 200, args.seconds, ids_file, "alone")
        alone.append(float(result_line(quiet.communicate()[0])["p99_ms"]))
        # No warmup: every refusal it sends is one it counts.
        flood = bench(args, server, unknown, args.rate, args.seconds, ids_file, "flood", warmup="0s")
        busy = bench(args, server, real, 200, args.seconds, ids_file, "flooded")
        busy_result = result_line(busy.communicate()[0])
        flood_result = result_line(flood.communicate()[0])
        flooded.append(float(busy_result["p99_ms"]))
        refused_total += int(flood_result["errors"])
        print(f"  pair {pair + 1}: p99 alone {alone[-1]:.2f} ms, under the flood {flooded[-1]:.2f} ms; flood "
              f"answered {int(flood_result['errors']) / float(flood_result['seconds']):.0f} refusals/s "
              f"(offered {args.rate}/s, dropped {flood_result['dropped']})", flush=True)
    time.sleep(11)  # the last interval of folded refusals ends and is written
    rows, repeats = refusals(server)
    rows, repeats = rows - rows_before, repeats - repeats_before
    seconds = args.pairs * args.seconds
    print(f"  audit: {rows} records for {refused_total} refusals ({rows / seconds:.1f} records/s of flood; "
          f"{repeats} folded)", flush=True)
    check(refused_total >= args.rate * seconds * 0.5, f"the flood was answered: {refused_total} refusals")
    # (The load generator counts the answers inside its window; a few come
    # just after it.)
    check(refused_total <= rows + repeats <= refused_total * 1.005 + 10,
          f"every refusal is counted in the audit log: {rows} records + {repeats} folded = {rows + repeats}, "
          f"refusals answered {refused_total}")
    check(rows <= 4 * seconds / 10 + 4, f"refusals do not become a row each: {rows} records in {seconds} s")
    ratio = statistics.median(f / a for f, a in zip(flooded, alone))
    check(ratio <= args.max_p99_ratio, f"authenticated p99 under the flood / alone: {ratio:.2f} (median of "
                                       f"{args.pairs} pairs; target <= {args.max_p99_ratio:g})")


class Watcher(threading.Thread):
    def __init__(self, channel, room):
        super().__init__(daemon=True)
        self.channel, self.room = channel, room
        self.kinds, self.code, self.started = [], None, threading.Event()
        self.call = None

    def run(self):
        stub = self.channel.unary_stream("/caitiao.v1.RoomService/WatchRoomQueue",
                                         request_serializer=lambda m: m.SerializeToString(),
                                         response_deserializer=pb.docking.RoomQueueEvent.FromString)
        self.call = stub(pb.docking.WatchRoomQueueRequest(), metadata=self.room.metadata(), timeout=50)
        self.started.set()
        try:
            for event in self.call:
                self.kinds.append(event.kind)
            self.code = OK
        except grpc.RpcError as e:
            self.code = e.code()


def watchers(args, server, staff, room):
    print(f"watchers: {args.watchers} WatchRoomQueue streams and delegations to the room", flush=True)
    rss0, _ = memory_of(server.process.pid)
    channels = [server.new_channel() for _ in range(8)]
    streams = [Watcher(channels[i % len(channels)], room) for i in range(args.watchers)]
    for s in streams:
        s.start()
    for s in streams:
        s.started.wait(10)
    time.sleep(3)
    extra = call("caitiao.v1.RoomService/WatchRoomQueue", pb.docking.WatchRoomQueueRequest(), room,
                 streaming=True, timeout=5)
    check((extra.code, extra.reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "TOO_MANY_WATCHERS"),
          f"a stream past --max_watchers is refused: {extra.code.name} {extra.reason}")
    commission = flow.demo_commissions(Principal("admin", server.token("admin")))["420100"]
    delegated, peak, started = 0, 0.0, time.monotonic()
    while delegated < 15:  # the demo room takes 20 open cases
        flow.delegated_case(lambda: flow.create_case(commission, staff), staff)
        delegated += 1
        peak = max(peak, memory_of(server.process.pid)[0])
        time.sleep(max(0.0, started + delegated * args.seconds / 15 - time.monotonic()))
    time.sleep(2)
    rss, hwm = memory_of(server.process.pid)
    for s in streams:
        s.call.cancel()
    for s in streams:
        s.join(10)
    seen = [s.kinds.count("CASE_DELEGATED") for s in streams]
    refused = [s for s in streams if s.code not in (OK, grpc.StatusCode.CANCELLED)]
    print(f"  {delegated} delegations; RSS {rss0:.0f} MiB before, {rss:.0f} MiB with {args.watchers} streams, "
          f"peak {max(peak, hwm):.0f} MiB", flush=True)
    check(not refused, f"every stream was served: {len(streams) - len(refused)} of {len(streams)} "
                       f"{[s.code.name for s in refused[:3]]}")
    check(min(seen) >= delegated, f"every stream saw every delegation: fewest seen {min(seen)}, delegated {delegated}")
    check(max(peak, hwm) < args.max_rss_mib, f"peak RSS {max(peak, hwm):.0f} MiB < {args.max_rss_mib} MiB")
    for c in channels:
        c.close()


def main():
    global pb
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--caitiaod", required=True)
    parser.add_argument("--bench", required=True)
    parser.add_argument("--proto-dir", required=True)
    parser.add_argument("--rate", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--watchers", type=int, default=500)
    parser.add_argument("--max_rss_mib", type=int, default=400)
    parser.add_argument("--max_p99_ratio", type=float, default=2.0,
                        help="authenticated p99 under the flood over alone, at most")
    args = parser.parse_args()

    proto_out = tempfile.mkdtemp(prefix="caitiao-drill-proto-")
    pb = harness.generate_messages(args.proto_dir, proto_out)
    server = harness.CaitiaoServer(args.caitiaod, extra_args=[
        f"--max_watchers={args.watchers}", f"--max_threads={2 * args.watchers + 128}"])
    code = None
    try:
        server.start()
        e2e_client.configure(pb, server)
        flow.configure(pb)
        admin, staff, room = Principal("admin"), Principal("wuhan staff"), Principal("room")
        admin.token, staff.token, room.token = (server.token("admin"), server.token("arbitration_staff"),
                                                server.token("room_staff"))
        commission = flow.demo_commissions(admin)["420100"]
        ids_file = os.path.join(proto_out, "ids")
        with open(ids_file, "w") as f:
            for _ in range(50):
                f.write(flow.create_case(commission, staff).id + "\n")
        refused_calls(args, server, staff, ids_file)
        watchers(args, server, staff, room)
    finally:
        code = server.stop()
        shutil.rmtree(proto_out, ignore_errors=True)
    check(code == 0, f"the server stops cleanly on SIGTERM (exit code {code})")
    if failures:
        print(f"drill FAILED: {len(failures)} checks", file=sys.stderr)
        return 1
    print("drill passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

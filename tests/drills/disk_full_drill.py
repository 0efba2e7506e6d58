#!/usr/bin/env python3
"""Fault drill: the disk under the embedded PostgreSQL fills up.

caitiaod runs with its data folder on a small tmpfs of the drill's own
(mounting it needs root, as CI has). The drill writes cases, then fills the
filesystem to the last byte and, for --rounds rounds:
  - writes (intake and a docking step) are refused with RESOURCE_EXHAUSTED
    (DATABASE_DISK_FULL) or, if PostgreSQL itself stopped, UNAVAILABLE —
    each with a reason — and quickly;
  - reads go on: every case acknowledged so far reads back, and a list pages;
  - nothing is half-written: no case of a refused intake exists;
then frees the space and retries each refused write with its request_id:
each now succeeds, once.

    disk_full_drill.py --caitiaod build/services/caitiaod --proto-dir proto [--rounds N]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call, rid  # noqa: E402

SIZE = "320m"
REFUSED = {grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.UNAVAILABLE}

pb = None
failures = []


def check(ok, what):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)


def fill(mount):
    """Writes a filler file until the filesystem refuses; returns its path and size."""
    path = os.path.join(mount, "filler")
    written = 0
    chunk = b"\0" * (1 << 20)
    with open(path, "wb", buffering=0) as f:
        while True:
            try:
                f.write(chunk)
                written += len(chunk)
            except OSError:
                break
        for size in (1 << 16, 1 << 12, 1):      # the last bytes too
            while True:
                try:
                    f.write(b"\0" * size)
                    written += size
                except OSError:
                    break
    return path, written


def main():
    global pb
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--caitiaod", required=True)
    parser.add_argument("--proto-dir", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("disk_full_drill: needs root to mount its tmpfs", file=sys.stderr)
        return 1

    mount = tempfile.mkdtemp(prefix="caitiao-drill-disk-", dir="/tmp")
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs", mount], check=True)
    proto_out = tempfile.mkdtemp(prefix="caitiao-drill-proto-")
    server = None
    try:
        pb = harness.generate_messages(args.proto_dir, proto_out)
        server = harness.CaitiaoServer(args.caitiaod, parent=mount)
        server.start()
        e2e_client.configure(pb, server)
        flow.configure(pb)
        admin, staff = Principal("admin"), Principal("wuhan staff")
        admin.token, staff.token = server.token("admin"), server.token("arbitration_staff")
        commission = flow.demo_commissions(admin)["420100"]
        acknowledged = [flow.create_case(commission, staff).id for _ in range(5)]
        print(f"drill: disk full, {args.rounds} rounds, data folder on a {SIZE} tmpfs", flush=True)

        for round_ in range(args.rounds):
            print(f"round {round_ + 1}:", flush=True)
            ready = flow.ready_case(lambda: flow.create_case(commission, staff), staff)
            acknowledged.append(ready.id)
            filler, size = fill(mount)
            print(f"  filled the disk with {size / (1 << 20):.1f} MiB", flush=True)

            # A write may still fit in pages the tables have free: keep
            # writing until three are refused.
            refused, longest, codes, fitted = [], 0.0, set(), 0
            for _ in range(500):
                if len(refused) == 3:
                    break
                request = flow.case_request(commission)
                started = time.monotonic()
                out = call("caitiao.v1.CaseService/CreateCase", request, staff, timeout=10)
                longest = max(longest, time.monotonic() - started)
                codes.add((out.code.name, out.reason))
                if out.code == OK:
                    acknowledged.append(out.response.id)  # the write fitted in pages already there
                    fitted += 1
                else:
                    refused.append((request, out))
            delegate = flow.delegate_request(ready.id, staff)
            started = time.monotonic()
            out = call("caitiao.v1.DockingService/DelegateCase", delegate, staff, timeout=10)
            longest = max(longest, time.monotonic() - started)
            codes.add((out.code.name, out.reason))
            delegated_while_full = out.code == OK
            print(f"  writes while full: {fitted} fitted in free pages, then {sorted(codes)}; longest "
                  f"{longest:.2f} s", flush=True)
            check(len(refused) == 3, "intake is refused while the disk is full")
            check(all(o.code in REFUSED and o.reason in ("DATABASE_DISK_FULL", "DATABASE_UNAVAILABLE")
                      for _, o in refused), "refusals are RESOURCE_EXHAUSTED (DATABASE_DISK_FULL) or UNAVAILABLE, "
                                            "with their reason")
            check(longest < 5, "no write waits long for its refusal")

            unreadable = [c for c in acknowledged if call("caitiao.v1.CaseService/GetCase",
                                                          pb.case_service.GetCaseRequest(id=c), staff,
                                                          timeout=10).code != OK]
            page = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(page_size=50), staff,
                        timeout=10)
            check(not unreadable and page.code == OK,
                  f"reads go on while full: {len(acknowledged) - len(unreadable)} of {len(acknowledged)} cases read "
                  f"back, list {page.code.name}")
            count = int(server.psql("SELECT count(*) FROM cases").strip())
            check(count == len(acknowledged), f"nothing half-written: {count} cases, {len(acknowledged)} acknowledged")

            os.remove(filler)
            started = time.monotonic()
            retried = []
            for request, _ in refused:
                for _ in range(100):       # PostgreSQL may be starting again after a PANIC
                    out = call("caitiao.v1.CaseService/CreateCase", request, staff, timeout=10)
                    if out.code not in REFUSED:
                        break
                    time.sleep(0.1)
                retried.append(out)
                if out.code == OK:
                    acknowledged.append(out.response.id)
            if not delegated_while_full:
                out = call("caitiao.v1.DockingService/DelegateCase", delegate, staff, timeout=10)
                retried.append(out)
            check(all(o.code == OK for o in retried), f"space freed: the refused writes succeed on retry "
                                                      f"({time.monotonic() - started:.2f} s) {retried[:1]}")
            count = int(server.psql("SELECT count(*) FROM cases").strip())
            check(count == len(acknowledged), f"each once: {count} cases, {len(acknowledged)} acknowledged")
    finally:
        code = server.stop() if server is not None else None
        shutil.rmtree(proto_out, ignore_errors=True)
        subprocess.run(["umount", mount], check=False)
        shutil.rmtree(mount, ignore_errors=True)
    check(code == 0, f"the server stops cleanly on SIGTERM (exit code {code})")
    if failures:
        print(f"drill FAILED: {len(failures)} checks", file=sys.stderr)
        print(server.log_text[-4000:], file=sys.stderr)
        return 1
    print("drill passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

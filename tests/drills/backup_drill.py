#!/usr/bin/env python3
"""Backup drill: deploy/backup.sh and deploy/restore.sh on the real caitiaod
with its embedded PostgreSQL (docs/backups.md).

  1. caitiaod --demo on a fresh data folder (as the e2e harness starts it);
     the operator keeps a copy of the data key apart ("the vault"). --cases
     cases through gRPC, --delegated of them consented, assessed and
     delegated to the demo room.
  2. A writer keeps creating cases; deploy/backup.sh runs while the server
     serves it. The cases acknowledged before the backup started are noted:
     each must come back.
  3. restore.sh refuses the live folder. caitiaod stops; the whole data folder
     (cluster, data key, tokens) is deleted; restore.sh lays the backup back
     into the same path. The backup holds no key (the default), so:
  4. caitiaod started without the key refuses to start: DATA_KEY_MISSING,
     with its message, exit code 1, no key file made, no PostgreSQL left
     running.
  5. Started with the vault's key (--data_key_file), it serves, and:
     every case acknowledged before the backup is there, by id and case
     number, its identity number decrypts (GetCase with unmask, as the demo
     Wuhan staff token may) and matches what was sent; the delegated ones are
     DELEGATED; no case acknowledged after the backup ended is there; a new
     case takes the next case number, and no number is held twice.
  6. backup.sh --with-key puts the key in the backup and restore.sh puts it
     back; restore.sh --key=<the kept key> puts that in place; another key
     is refused before anything is touched.
Prints its figures; exits 1 on any lost case or failed check.

    backup_drill.py --caitiaod build/services/caitiaod --proto-dir proto [--cases 30] [--delegated 5]
"""

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call  # noqa: E402

BACKUP_SH = os.path.join(REPO, "deploy", "backup.sh")
RESTORE_SH = os.path.join(REPO, "deploy", "restore.sh")
MISSING_MESSAGE = "but this database's personal data was sealed with one"

pb = None
failures = []


def check(ok, what):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)
    return ok


def run(command, **kw):
    """Runs a script; returns (exit code, stdout, stderr, seconds)."""
    started = time.monotonic()
    p = subprocess.run(command, capture_output=True, text=True, timeout=120, **kw)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - started


def sequence(case_number):
    """The sequence number in 鄂武劳人仲案字〔2026〕第12号."""
    m = re.search(r"第(\d+)号", case_number)
    return int(m.group(1)) if m else None


class Ledger:
    """Cases acknowledged by the server: id -> (case number, identity number, ack time)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cases = {}

    def create(self, commission, staff):
        request = flow.case_request(commission)
        out = call("caitiao.v1.CaseService/CreateCase", request, staff, timeout=10)
        if out.code != OK:
            return None
        with self.lock:
            self.cases[out.response.id] = (out.response.case_number, request.case.applicants[0].resident_id_number,
                                           time.monotonic())
        return out.response

    def snapshot(self):
        with self.lock:
            return dict(self.cases)


def writer(ledger, commission, staff, stop, errors):
    while not stop.is_set():
        if ledger.create(commission, staff) is None:
            errors.append(time.monotonic())
            time.sleep(0.05)


def all_case_numbers(staff):
    numbers, token = [], ""
    while True:
        out = call("caitiao.v1.CaseService/ListCases",
                   pb.case_service.ListCasesRequest(page_size=1000, page_token=token), staff)
        if out.code != OK:
            raise AssertionError(f"ListCases: {out}")
        numbers += [c.case_number for c in out.response.cases]
        token = out.response.next_page_token
        if not token:
            return numbers


def main():
    global pb
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--caitiaod", required=True)
    parser.add_argument("--proto-dir", required=True)
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--delegated", type=int, default=5, help="at most 20, the demo room's capacity")
    args = parser.parse_args()
    if not 0 <= args.delegated <= min(args.cases, 20):
        parser.error("--delegated: at most --cases, and 20 (the demo room's capacity)")
    drill_started = time.monotonic()

    work = tempfile.mkdtemp(prefix="caitiao-backup-drill-")
    backups, vault = os.path.join(work, "backups"), os.path.join(work, "vault")
    os.mkdir(vault, 0o700)
    proto_out = tempfile.mkdtemp(prefix="caitiao-drill-proto-")
    server = None
    stop, errors = threading.Event(), []
    figures = {}
    try:
        pb = harness.generate_messages(args.proto_dir, proto_out)
        server = harness.CaitiaoServer(args.caitiaod)
        server.start()
        data = server.cluster_dir  # caitiaod --data_dir
        e2e_client.configure(pb, server)
        flow.configure(pb)
        admin, staff = Principal("admin"), Principal("wuhan staff")
        admin.token, staff.token = server.token("admin"), server.token("arbitration_staff")
        shutil.copy2(os.path.join(data, "secrets", "data.key"), os.path.join(vault, "data.key"))
        commission = flow.demo_commissions(admin)["420100"]
        print(f"backup drill: {args.cases} cases ({args.delegated} delegated), data folder {data}", flush=True)

        # --- 1. Cases, some of them delegated.
        ledger = Ledger()
        delegated = []
        for i in range(args.cases):
            if i < args.delegated:
                case, _ = flow.delegated_case(lambda: ledger.create(commission, staff), staff)
                delegated.append(case.id)
            elif ledger.create(commission, staff) is None:
                raise AssertionError("CreateCase failed before the backup")

        # --- 2. Back up while a writer keeps creating cases.
        thread = threading.Thread(target=writer, args=(ledger, commission, staff, stop, errors), daemon=True)
        thread.start()
        while len(ledger.snapshot()) < args.cases + 3:
            time.sleep(0.02)
        before = ledger.snapshot()   # acknowledged before the backup started: all must come back
        code, out, err, backup_s = run([BACKUP_SH, data, backups])
        backup_ended = time.monotonic()
        time.sleep(1)                # the writer goes on: these cases are not in the backup
        stop.set()
        thread.join(30)
        written = ledger.snapshot()
        print("  " + err.strip().replace("\n", "\n  "), flush=True)
        if not check(code == 0, f"backup.sh while serving and writing (exit {code})"):
            raise AssertionError("no backup")
        dest = out.strip().splitlines()[-1]
        during = sum(1 for c in written if c not in before and written[c][2] <= backup_ended)
        after = {c for c in written if written[c][2] > backup_ended}
        check(not errors, f"the server served throughout the backup: {len(errors)} failed writes, "
                          f"{len(written) - len(before)} cases written by the writer meanwhile")
        manifest = open(os.path.join(dest, "MANIFEST")).read()
        check("data key: NOT included" in manifest and not os.path.exists(os.path.join(dest, "secrets")),
              "the key is not in the backup (default) and MANIFEST says so")
        check("the data key is NOT in this backup" in err, "backup.sh says to keep the key apart")
        check(os.path.exists(os.path.join(dest, "tokens", "admin.token")), "the admin token is in the backup")
        pgdata_bytes = int(re.search(r"^pgdata bytes: (\d+)$", manifest, re.M).group(1))
        total_bytes = int(subprocess.run(["du", "-sb", dest], capture_output=True, text=True).stdout.split()[0])
        grep = subprocess.run(["grep", "-rqaF", "-e", "\n".join(v[1] for v in written.values()),
                               os.path.join(dest, "pgdata")])
        check(grep.returncode == 1, "no identity number is in the backup in clear (they are sealed with the key)")

        # --- 3. restore.sh refuses the live folder; then the whole folder is lost and restored.
        code, _, err, _ = run([RESTORE_SH, dest, data])
        check(code != 0 and "is running on" in err, f"restore.sh refuses a folder caitiaod runs on: {err.strip()}")
        server.channel.close()
        server.process.terminate()
        check(server.process.wait(60) == 0, "caitiaod stops cleanly on SIGTERM")
        shutil.rmtree(data)  # cluster, data key, tokens: as if the disk were lost
        code, _, err, restore_s = run([RESTORE_SH, dest, data])
        print("  " + err.strip().replace("\n", "\n  "), flush=True)
        check(code == 0, f"restore.sh into the emptied path (exit {code})")
        check("no data key was put back" in err, "restore.sh warns that no key was put back")

        # --- 4. Without the key: caitiaod refuses to start, and says why.
        p = subprocess.run([server.caitiaod, f"--data_dir={data}", "--listen=127.0.0.1:0",
                            f"--port_file={os.path.join(work, 'port')}"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
                           stdin=subprocess.DEVNULL)
        refusal = next((line for line in p.stdout.splitlines() if "level=error" in line), "")
        check(p.returncode == 1 and "DATA_KEY_MISSING" in refusal and MISSING_MESSAGE in refusal,
              f"caitiaod without the key exits {p.returncode}:\n      {refusal}")
        check(not os.path.exists(os.path.join(data, "secrets", "data.key")),
              "it made no new key (one could read nothing of this database)")
        check(not os.path.exists(os.path.join(data, "pgdata", "postmaster.pid")),
              "no PostgreSQL left running after the refusal")

        # --- 5. With the key kept apart: the data are back.
        server.demo = False
        server.extra_args = [f"--data_key_file={os.path.join(vault, 'data.key')}"]
        server.channel = server.new_channel()
        started = time.monotonic()
        server.restart()
        start_s = time.monotonic() - started
        check(True, f"caitiaod with --data_key_file=<vault>/data.key serves after {start_s:.2f} s")

        lost, wrong = [], []
        for case_id, (number, resident, _) in before.items():
            out = call("caitiao.v1.CaseService/GetCase",
                       pb.case_service.GetCaseRequest(id=case_id, unmask_personal_data=True), staff)
            if out.code != OK:
                lost.append((case_id, out.code.name))
            elif (out.response.case_number != number or out.response.personal_data_masked
                  or out.response.applicants[0].resident_id_number != resident):
                wrong.append((case_id, out.response.case_number, out.response.applicants[0].resident_id_number))
        check(not lost, f"every case acknowledged before the backup is back: {len(before) - len(lost)} of "
                        f"{len(before)} {lost[:3]}")
        check(not wrong, f"each with its case number and its identity number decrypted, unmasked and matching "
                         f"{wrong[:3]}")
        states = [call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=c), staff)
                  for c in delegated]
        check(all(o.code == OK and o.response.state == pb.case.CASE_STATE_DELEGATED for o in states),
              f"the {len(delegated)} delegated cases are still DELEGATED")
        numbers = all_case_numbers(staff)
        in_backup_during, garbled = 0, []
        for c in written:
            if c in before or c in after:
                continue
            out = call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=c), staff)
            if out.code == OK:
                in_backup_during += 1
                if out.response.case_number != written[c][0]:
                    garbled.append((c, out.response.case_number, written[c][0]))
        check(not garbled, f"the {in_backup_during} cases written during the backup that are in it have their "
                           f"numbers {garbled[:3]}")
        back_after = [c for c in after if call("caitiao.v1.CaseService/GetCase",
                                               pb.case_service.GetCaseRequest(id=c), staff).code == OK]
        check(not back_after, f"none of the {len(after)} cases acknowledged after the backup ended is there "
                              f"(the restore is to the backup's end)")
        restored_max = max(sequence(n) for n in numbers)
        new = ledger.create(commission, staff)
        check(new is not None, "the restored server takes a new case")
        numbers.append(new.case_number)
        check(sequence(new.case_number) == restored_max + 1 and len(numbers) == len(set(numbers)),
              f"its number continues the sequence ({new.case_number} after 第{restored_max}号), no number held "
              f"twice among {len(numbers)} cases")
        gone = [c for c in written if c not in before and written[c][0] not in numbers[:-1]]
        reused = [c for c in gone if written[c][0] == new.case_number]
        if reused:
            print(f"  note: {new.case_number} had been given to a case acknowledged after the backup's WAL end "
                  f"and so not in it: numbers given after a backup's end are given again after its restore",
                  flush=True)

        # --- 6. The other ways with the key: a backup --with-key of the restored
        # server, restored with its own key; a kept key given with --key; a wrong key refused.
        code, _, err, _ = run([BACKUP_SH, "--with-key", data, backups])
        check(code != 0 and "no data key at" in err, f"backup.sh wants the key caitiaod uses: {err.strip()}")
        code, out, err, _ = run([BACKUP_SH, "--with-key", f"--data_key_file={os.path.join(vault, 'data.key')}",
                                 data, backups])
        keyed = out.strip().splitlines()[-1] if code == 0 else ""
        check(code == 0 and "holds the DATA KEY" in err and filecmp.cmp(
            os.path.join(keyed, "secrets", "data.key"), os.path.join(vault, "data.key"), shallow=False),
            f"backup.sh --with-key of the restored server: the key is in it, with a warning (exit {code})")
        code, _, err, _ = run([RESTORE_SH, keyed, os.path.join(work, "keyed")])
        check(code == 0 and filecmp.cmp(os.path.join(work, "keyed", "secrets", "data.key"),
                                        os.path.join(vault, "data.key"), shallow=False),
              "restore.sh of a backup made --with-key puts its key back")
        other = os.path.join(vault, "other.key")
        with open(os.open(other, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(os.urandom(32).hex() + "\n")
        code, _, err, _ = run([RESTORE_SH, f"--key={other}", dest, os.path.join(work, "wrong")])
        check(code != 0 and "is not the one this backup was sealed with" in err
              and not os.path.exists(os.path.join(work, "wrong", "pgdata")),
              f"restore.sh --key with another key refuses before touching anything: {err.strip()}")
        code, _, err, _ = run([RESTORE_SH, f"--key={os.path.join(vault, 'data.key')}", dest,
                               os.path.join(work, "kept")])
        check(code == 0 and "it matches the backup" in err, "restore.sh --key with the kept key puts it in place")
        figures = dict(before=len(before), during=during, in_backup_during=in_backup_during, after=len(after),
                       backup_s=backup_s, pgdata_bytes=pgdata_bytes, total_bytes=total_bytes, restore_s=restore_s,
                       start_s=start_s, lost=len(lost) + len(wrong))
    finally:
        stop.set()
        code = server.stop() if server is not None and server.process is not None else None
        shutil.rmtree(proto_out, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    check(code == 0, f"the restored server stops cleanly on SIGTERM (exit code {code})")
    elapsed = time.monotonic() - drill_started
    check(elapsed < 120, f"the drill took {elapsed:.1f} s (bound: 120 s)")
    if figures:
        f = figures
        print(f"""backup drill figures:
  cases acknowledged before the backup started  {f['before']} ({args.delegated} delegated)
  acknowledged while backup.sh ran              {f['during']} ({f['in_backup_during']} of them in the backup)
  acknowledged after it ended (not in it)       {f['after']}
  backup.sh (online, verified)                  {f['backup_s']:.2f} s, cluster {f['pgdata_bytes'] / 2**20:.1f} MiB \
({f['pgdata_bytes']} bytes), backup folder {f['total_bytes']} bytes
  restore.sh (whole data folder lost)           {f['restore_s']:.2f} s; caitiaod serving after {f['start_s']:.2f} s more
  cases lost or wrong                           {f['lost']}
  drill                                         {elapsed:.1f} s""")
    if failures:
        print(f"backup drill FAILED: {len(failures)} checks", file=sys.stderr)
        print(server.log_text[-4000:] if server else "", file=sys.stderr)
        return 1
    print("backup drill passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

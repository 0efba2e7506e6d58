#!/usr/bin/env python3
"""End-to-end test of reports on a streaming replica, through the real
caitiaod and Debian's python3-grpcio: a primary PostgreSQL cluster and a hot
standby made from it with pg_basebackup -R (both run by the unprivileged
postgres user, sockets in their own folders), caitiaod A with --database on
the primary and --reporting_database on the standby (--reporting_max_lag 2s),
and caitiaod B the same with --reporting_fallback. Checks:

  * a case created and delegated on the primary shows up in the reports read
    on the replica (the catch-up time is printed), with as_of set and recent;
  * with replay paused on the standby and more written, A refuses reports
    with UNAVAILABLE (REPLICA_LAGGING, naming the lag and the bound) while B
    answers from the primary (as_of the primary's now); resumed, A answers
    again with the new case;
  * with the standby stopped, A refuses with UNAVAILABLE (REPLICA_UNAVAILABLE)
    and B answers from the primary.

    test_replica.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call  # noqa: E402

PG_BIN = "/usr/lib/postgresql/15/bin"
UNAVAILABLE = grpc.StatusCode.UNAVAILABLE
PRIMARY_PORT, STANDBY_PORT = 5432, 5433
MAX_LAG_S = 2
WAIT_S = 20  # the longest any one wait below may take
ARGS = None
SERVER = None    # A: replica, refuses when it is unfit
FALLBACK = None  # B: replica, falls back to the primary
PRIMARY = None
STANDBY = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
REPORTING = Principal("hubei reporting")
WUHAN = "420100"
DEMO = {}


def as_postgres(command):
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


class Cluster:
    """A PostgreSQL cluster of the test's own in a fresh /tmp folder, run by
    the unprivileged postgres user (who can enter every folder above its data
    folder), listening only on its socket folder."""

    def __init__(self, port):
        self.port = port
        self.dir = tempfile.mkdtemp(prefix=f"caitiao-replica-{port}-", dir="/tmp")
        os.chmod(self.dir, 0o755)
        self.pgdata = os.path.join(self.dir, "pgdata")
        self.socket = os.path.join(self.dir, "run")
        os.makedirs(self.socket)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.socket, "postgres")
        self.started = False

    @property
    def dsn(self):
        return f"host={self.socket} port={self.port} user=postgres dbname=caitiao"

    def pg(self, program, *args):
        return subprocess.run(as_postgres([os.path.join(PG_BIN, program), *args]), check=True,
                              capture_output=True, text=True, cwd="/").stdout

    def psql(self, sql):
        return self.pg("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.socket, "-p",
                       str(self.port), "-U", "postgres", "-d", "caitiao", "-c", sql).strip()

    def start(self, *settings):
        options = " ".join([f"-c listen_addresses='' -p {self.port} -k {self.socket}", *settings])
        self.pg("pg_ctl", "-D", self.pgdata, "-w", "-t", "60", "-l", os.path.join(self.dir, "postgresql.log"),
                "-o", options, "start")
        self.started = True

    def stop(self):
        self.pg("pg_ctl", "-D", self.pgdata, "-w", "-m", "fast", "stop")
        self.started = False

    def remove(self):
        if self.started:
            try:
                self.stop()
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def log_tail(self, lines=20):
        try:
            with open(os.path.join(self.dir, "postgresql.log")) as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def make_primary():
    primary = Cluster(PRIMARY_PORT)
    primary.pg("initdb", "-D", primary.pgdata, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust")
    # Streaming replication over the socket (and loopback), as the postgres user.
    with open(os.path.join(primary.pgdata, "pg_hba.conf"), "a") as hba:
        hba.write("local   replication   postgres                 trust\n"
                  "host    replication   postgres   127.0.0.1/32  trust\n")
    primary.start("-c wal_level=replica", "-c max_wal_senders=5")
    primary.pg("createdb", "-h", primary.socket, "-p", str(primary.port), "-U", "postgres", "caitiao")
    return primary


def make_standby(primary):
    """pg_basebackup -R of the primary (standby.signal and primary_conninfo
    written), started as a hot standby on its own port and socket folder."""
    standby = Cluster(STANDBY_PORT)
    standby.pg("pg_basebackup", "-h", primary.socket, "-p", str(primary.port), "-U", "postgres", "-D",
               standby.pgdata, "-R", "-X", "stream", "-c", "fast")
    standby.start("-c hot_standby=on")
    return standby


def start_server(extra):
    """A caitiaod on the primary, reports on the standby, plus `extra` flags."""
    first = SERVER is None
    args = [f"--database={PRIMARY.dsn}", f"--reporting_database={STANDBY.dsn}",
            f"--reporting_max_lag={MAX_LAG_S}s", "--log_level=debug", *extra]
    if not first:
        args.append(f"--data_key_file={SERVER.cluster_dir}/secrets/data.key")
    server = harness.CaitiaoServer(ARGS.caitiaod, demo=first, extra_args=args)
    server.start()
    return server


def setUpModule():
    global SERVER, FALLBACK, PRIMARY, STANDBY, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    try:
        began = time.monotonic()
        PRIMARY = make_primary()
        STANDBY = make_standby(PRIMARY)
        print(f"primary and standby up in {time.monotonic() - began:.1f} s", file=sys.stderr)
        SERVER = start_server([])
        FALLBACK = start_server(["--reporting_fallback"])
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        REPORTING.token = SERVER.token("reporting")
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    codes = []
    try:
        codes = harness.stop_all(FALLBACK, SERVER)
    finally:
        for cluster in (STANDBY, PRIMARY):
            if cluster is not None:
                cluster.remove()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
    if any(code != 0 for code in codes):
        raise AssertionError(f"caitiaod did not exit cleanly on SIGTERM: exit codes {codes}")


def summarize(server):
    return call("caitiao.v1.ReportingService/SummarizeCases", pb.reporting.SummarizeCasesRequest(
        filter=f'commission_id = "{DEMO[WUHAN]}"'), REPORTING, channel=server.channel, timeout=10)


def docking(server):
    return call("caitiao.v1.ReportingService/GetDockingReport", pb.reporting.GetDockingReportRequest(
        region_code=WUHAN), REPORTING, channel=server.channel, timeout=10)


def delegated(report):
    """The whole period's total of delegations in a docking report."""
    totals = [r for r in report.rows if not r.group_id and r.month == 0]
    return totals[0].figures.delegated if totals else 0


def as_of(response):
    return datetime.datetime.fromtimestamp(response.as_of.seconds + response.as_of.nanos / 1e9,
                                           datetime.timezone.utc)


def age_s(response):
    return (datetime.datetime.now(datetime.timezone.utc) - as_of(response)).total_seconds()


def wait_for(what, probe):
    """Polls `probe()` (a value or None) every 20 ms; returns (value, ms waited)."""
    since = time.monotonic()
    while True:
        value = probe()
        if value is not None:
            return value, (time.monotonic() - since) * 1000
        if time.monotonic() - since > WAIT_S:
            raise AssertionError(f"{what}: not within {WAIT_S} s")
        time.sleep(0.02)


def must(out, what):
    if out.code != OK:
        raise AssertionError(f"{what}: {out}")
    return out.response


class ReportsOnAReplicaTest(unittest.TestCase):
    # The steps depend on each other: they run in the order of their names.

    def test_1_a_new_case_shows_up_on_the_replica(self):
        before = must(summarize(SERVER), "SummarizeCases").total_cases
        before_delegated = delegated(must(docking(SERVER), "GetDockingReport"))
        flow.delegated_case(lambda: flow.create_case(DEMO[WUHAN], STAFF), STAFF)
        summary, ms = wait_for("the new case on the replica", lambda: (
            lambda out: out.response if out.code == OK and out.response.total_cases == before + 1 else None)(
                summarize(SERVER)))
        print(f"\ncatch-up: the case in the replica's SummarizeCases {ms:.0f} ms after its delegation",
              file=sys.stderr)
        report, ms2 = wait_for("the delegation in the replica's docking report", lambda: (
            lambda out: out.response if out.code == OK and delegated(out.response) == before_delegated + 1
            else None)(docking(SERVER)))
        print(f"catch-up: the delegation in the replica's GetDockingReport {ms + ms2:.0f} ms after it",
              file=sys.stderr)
        for response in (summary, report):
            self.assertTrue(response.HasField("as_of"))
            self.assertLess(abs(age_s(response)), 10, f"as_of {as_of(response)} is not recent")
        # Export and the other reports say as_of too.
        exported = call("caitiao.v1.ReportingService/ExportCases", pb.reporting.ExportCasesRequest(
            filter=f'commission_id = "{DEMO[WUHAN]}"'), REPORTING, streaming=True)
        self.assertEqual(exported.code, OK, exported)
        self.assertEqual(len(exported.response), before + 1)
        self.assertTrue(all(m.HasField("as_of") for m in exported.response))
        for method, request in (("GetMediationShare", pb.reporting.GetMediationShareRequest(region_code=WUHAN)),
                                ("ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code=WUHAN))):
            out = call(f"caitiao.v1.ReportingService/{method}", request, REPORTING)
            self.assertEqual(out.code, OK, f"{method}: {out}")
            self.assertLess(abs(age_s(out.response)), 10, method)
        # The fallback server reads the same fresh replica.
        self.assertEqual(must(summarize(FALLBACK), "SummarizeCases on B").total_cases, before + 1)

    def test_2_a_lagging_replica_is_refused_and_the_fallback_reads_the_primary(self):
        self.assertEqual(STANDBY.psql("SELECT pg_is_in_recovery()"), "t")
        before = must(summarize(SERVER), "SummarizeCases").total_cases
        STANDBY.psql("SELECT pg_wal_replay_pause()")
        try:
            flow.create_case(DEMO[WUHAN], STAFF)
            paused = time.monotonic()
            refused, ms = wait_for("REPLICA_LAGGING", lambda: (
                lambda out: out if out.code != OK else None)(summarize(SERVER)))
            print(f"\nlagging: refused {(time.monotonic() - paused) * 1000:.0f} ms after the write "
                  f"(bound {MAX_LAG_S} s): {refused.message}", file=sys.stderr)
            self.assertEqual(refused.code, UNAVAILABLE, refused)
            self.assertEqual(refused.reason, "REPLICA_LAGGING", refused)
            self.assertIn(f"bound of {MAX_LAG_S}s", refused.message)
            self.assertRegex(refused.message, r"lags \d+(\.\d+)?s behind")
            for method, request in (("GetDockingReport", pb.reporting.GetDockingReportRequest(region_code=WUHAN)),
                                    ("ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code=WUHAN))):
                out = call(f"caitiao.v1.ReportingService/{method}", request, REPORTING)
                self.assertEqual((out.code, out.reason), (UNAVAILABLE, "REPLICA_LAGGING"), f"{method}: {out}")
            # Writes and the change feed go on: they read the primary.
            changes = call("caitiao.v1.ReportingService/ListChanges", pb.reporting.ListChangesRequest(page_size=1),
                           REPORTING)
            self.assertEqual(changes.code, OK, changes)
            # B reads the primary: the new case is there, as of the primary's now.
            out = must(summarize(FALLBACK), "SummarizeCases on B (fallback)")
            self.assertEqual(out.total_cases, before + 1)
            self.assertLess(abs(age_s(out)), 2, f"as_of {as_of(out)} is not the primary's now")
        finally:
            STANDBY.psql("SELECT pg_wal_replay_resume()")
        resumed = time.monotonic()
        out, ms = wait_for("the replica caught up after the resume", lambda: (
            lambda o: o.response if o.code == OK and o.response.total_cases == before + 1 else None)(
                summarize(SERVER)))
        print(f"catch-up after resuming replay: {(time.monotonic() - resumed) * 1000:.0f} ms", file=sys.stderr)
        self.assertLess(abs(age_s(out)), 10)

    def test_3_an_unreachable_replica_is_refused_and_the_fallback_reads_the_primary(self):
        STANDBY.stop()
        try:
            out = summarize(SERVER)
            self.assertEqual((out.code, out.reason), (UNAVAILABLE, "REPLICA_UNAVAILABLE"), out)
            out = docking(SERVER)
            self.assertEqual((out.code, out.reason), (UNAVAILABLE, "REPLICA_UNAVAILABLE"), out)
            # Twice: the pooled connections broke, and no new one can be made.
            self.assertEqual(summarize(SERVER).reason, "REPLICA_UNAVAILABLE")
            flow.create_case(DEMO[WUHAN], STAFF)  # the primary takes writes all along
            b = must(summarize(FALLBACK), "SummarizeCases on B (replica down)")
            self.assertLess(abs(age_s(b)), 2, f"as_of {as_of(b)} is not the primary's now")
            self.assertEqual(b.total_cases, must(summarize(FALLBACK), "again").total_cases)
            report = must(docking(FALLBACK), "GetDockingReport on B (replica down)")
            self.assertGreaterEqual(delegated(report), 1)
        finally:
            STANDBY.start("-c hot_standby=on")
        # Back: A reads the replica again once it caught up.
        wait_for("A reads the restarted replica", lambda: (lambda o: o if o.code == OK else None)(summarize(SERVER)))


if __name__ == "__main__":
    harness.main(sys.modules[__name__])

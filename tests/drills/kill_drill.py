#!/usr/bin/env python3
"""Fault drill: a mixed docking write load on two caitiaod sharing one
database while something dies, again and again. Clients retry every call
with its request_id, on the other server, until it is answered, as a client
behind a load balancer would. Afterwards the database must hold every
acknowledged write exactly once.

    kill_drill.py --caitiaod build/services/caitiaod --proto-dir proto --fault server [--rounds N]

--fault (one of FAULTS):
  server    kill -9 of a caitiaod (A, which runs the embedded cluster, and B
            in turn), started again on the same folder and port;
  postgres  kill -9 of the embedded cluster's postmaster: A starts it again,
            B replaces its broken connections; neither is restarted;
  outage    an external PostgreSQL (both servers on --database) stopped for
            --outage seconds and started again.

The load, on 4 client threads: intake, consents, assessment, delegation,
acceptance, agreement, signatures and full performance (mediation success
and its subsidy accrual), with the deadline sweeper running every second.

Checks, each printed with its figure; the drill exits 1 on any failure:
  - every acknowledged write is in the history once: each (request_id,
    event kind) once, no event of an unacknowledged request;
  - every case reads back (on both servers) in the state its last
    acknowledged write left, and its events chain from state to state;
  - case and agreement numbers are neither duplicated nor skipped (the
    number of each commission's cases and agreements equals its sequence);
  - the audit log holds an OK record for each acknowledged write;
  - while the fault lasts calls fail fast (the longest attempt is printed and
    must stay under its 5 s deadline) and health says NOT_SERVING within 1.5 s
    (postgres and outage); every round ends with both servers serving again.
"""

import argparse
import collections
import os
import random
import shutil
import signal
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
from e2e_client import OK, Principal, call, rid  # noqa: E402
from people import today  # noqa: E402

FAULTS = ("server", "postgres", "outage")
ATTEMPT_TIMEOUT_S = 5
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.RESOURCE_EXHAUSTED,
             grpc.StatusCode.ABORTED}
PG_BIN = "/usr/lib/postgresql/15/bin"
SERVING = 1

pb = None


class Figures:
    """What the load saw, shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = []          # (method, case_id, request_id)
        self.expected_events = collections.defaultdict(collections.Counter)  # case_id -> event kinds
        self.last_state = {}            # case_id -> state its last acknowledged write left
        self.attempts = 0
        self.retries = 0
        self.longest_attempt = 0.0
        self.codes = collections.Counter()

    def attempt(self, seconds, code):
        with self.lock:
            self.attempts += 1
            self.longest_attempt = max(self.longest_attempt, seconds)
            self.codes[code.name] += 1


class Load:
    """Client threads walking cases through the docking until stopped."""

    def __init__(self, servers, staff, room, commission_id, mediator_id, threads=4):
        self.servers, self.staff, self.room = servers, staff, room
        self.commission_id, self.mediator_id = commission_id, mediator_id
        self.figures = Figures()
        self.stopping = threading.Event()
        self.errors = []
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        """Lets each thread finish the call it is in (answered), then joins."""
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=120)
        if any(t.is_alive() for t in self.threads):
            self.errors.append("a client thread did not stop within two minutes")

    def _run(self, n):
        try:
            while not self.stopping.is_set():
                self._one_case(n)
        except _Stopped:
            pass
        except Exception as e:  # noqa: BLE001 - reported as a drill failure
            self.errors.append(f"client {n}: {e!r}")

    def _call(self, n, method, request, who):
        """The call, retried with the same request (and request_id) on the
        servers in turn until it is answered with anything but a transient
        failure. Raises _Stopped only between calls."""
        k = n
        while True:
            server = self.servers[k % len(self.servers)]
            started = time.monotonic()
            out = call(method, request, who, channel=server.drill_channel, timeout=ATTEMPT_TIMEOUT_S)
            self.figures.attempt(time.monotonic() - started, out.code)
            if out.code not in RETRYABLE:
                return out
            with self.figures.lock:
                self.figures.retries += 1
            k += 1
            time.sleep(0.05)

    def _write(self, n, method, request, who, case_id=None):
        if self.stopping.is_set():
            raise _Stopped()
        out = self._call(n, method, request, who)
        if out.code != OK:
            raise AssertionError(f"{method} answered {out}")
        case_id = case_id or out.response.id
        state = answered_state(method, out.response)
        with self.figures.lock:
            self.figures.acknowledged.append((method, case_id, request.request_id))
            self.figures.expected_events[case_id].update(events_of(method, state))
            if state:
                self.figures.last_state[case_id] = state
        return out.response

    def _etag(self, n, case_id):
        out = self._call(n, "caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), self.staff)
        if out.code != OK:
            raise AssertionError(f"GetCase answered {out}")
        with self.figures.lock:
            self.figures.last_state[case_id] = out.response.state
        return out.response.etag

    def _one_case(self, n):
        d, m = pb.docking, pb.mediation
        staff, room = self.staff, self.room
        case = self._write(n, "caitiao.v1.CaseService/CreateCase", flow.case_request(self.commission_id), staff)
        for side, parties in ((d.PARTY_SIDE_APPLICANT, case.applicants), (d.PARTY_SIDE_RESPONDENT, case.respondents)):
            for position in range(len(parties)):
                self._write(n, "caitiao.v1.DockingService/RecordConsent", d.RecordConsentRequest(
                    case_id=case.id, party=d.PartyRef(side=side, position=position), form=d.CONSENT_FORM_WRITTEN,
                    evidence_ref=f"同意书-{position}", request_id=rid()), staff, case.id)
        assess = flow.assess_request(case.id, self._etag(n, case.id))
        self._write(n, "caitiao.v1.DockingService/AssessEligibility", assess, staff, case.id)
        delegate = flow.delegate_request(case.id, staff, etag=self._etag(n, case.id))
        delegation = self._write(n, "caitiao.v1.DockingService/DelegateCase", delegate, staff, case.id)
        self._write(n, "caitiao.v1.RoomService/AcceptDelegation", d.AcceptDelegationRequest(
            case_id=case.id, etag=delegation.case_etag, mediator_id=self.mediator_id, request_id=rid()), room, case.id)
        due = today()
        agreement = self._write(n, "caitiao.v1.MediationService/DraftAgreement", m.DraftAgreementRequest(
            case_id=case.id, etag=self._etag(n, case.id), terms="双方自愿达成如下协议。",
            obligations=[flow.money(300000, due)], request_id=rid()), room, case.id)
        for item in list(agreement.missing_signatures):
            self._write(n, "caitiao.v1.MediationService/RecordSignature", m.RecordSignatureRequest(
                case_id=case.id, etag=self._etag(n, case.id), agreement_id=agreement.id, item=item,
                form=m.SIGNATURE_FORM_SIGNATURE, evidence_ref=f"原件-{item}", request_id=rid()), room, case.id)
        self._write(n, "caitiao.v1.MediationService/RecordPerformance", m.RecordPerformanceRequest(
            case_id=case.id, etag=self._etag(n, case.id), agreement_id=agreement.id, obligation=0,
            amount_fen=300000, evidence_ref="转账流水", request_id=rid()), room, case.id)


class _Stopped(Exception):
    pass


# The history each acknowledged write leaves (the kinds of case_events), by
# method and the state it answered with.
METHOD_EVENTS = {
    "CaseService/CreateCase": ["CASE_CREATED"],
    "DockingService/RecordConsent": ["CONSENT_RECORDED"],
    "DockingService/AssessEligibility": ["ELIGIBILITY_ASSESSED"],
    "DockingService/DelegateCase": ["CASE_DELEGATED"],
    "RoomService/AcceptDelegation": ["CASE_DELEGATION_ACCEPTED"],
    "MediationService/DraftAgreement": ["AGREEMENT_DRAFTED"],
    "MediationService/RecordSignature": ["AGREEMENT_SIGNATURE_RECORDED"],
    "MediationService/RecordPerformance": ["PERFORMANCE_RECORDED"],
}


# The case state each write leaves when its answer does not say (answers with
# a case_state field say).
METHOD_STATE = {
    "CaseService/CreateCase": "CASE_STATE_RECEIVED",
    "DockingService/RecordConsent": "CASE_STATE_RECEIVED",
    "DockingService/AssessEligibility": "CASE_STATE_RECEIVED",
    "DockingService/DelegateCase": "CASE_STATE_DELEGATED",
    "RoomService/AcceptDelegation": "CASE_STATE_IN_MEDIATION",
}


def answered_state(method, response):
    if "case_state" in response.DESCRIPTOR.fields_by_name:
        return response.case_state
    return pb.case.CaseState.Value(METHOD_STATE[method.removeprefix("caitiao.v1.")])


def events_of(method, state):
    kinds = list(METHOD_EVENTS[method.removeprefix("caitiao.v1.")])
    if method.endswith("/RecordSignature") and state == pb.case.CASE_STATE_AGREEMENT_EFFECTIVE:
        kinds.append("AGREEMENT_EFFECTIVE")     # the last item makes it effective
    if method.endswith("/RecordPerformance") and state == pb.case.CASE_STATE_MEDIATED:
        kinds += ["MEDIATION_SUCCEEDED", "SUBSIDY_ACCRUED"]  # fully performed: success and its subsidy
    return kinds


# ---------------------------------------------------------------------------
# The servers and the faults.

class ExternalPostgres:
    """A PostgreSQL cluster of the drill's own, as an operator's would be,
    run by the unprivileged postgres user with its socket in its folder."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="caitiao-drill-pg-", dir="/tmp")
        os.chmod(self.dir, 0o755)
        self.pgdata = os.path.join(self.dir, "pgdata")
        self.socket = os.path.join(self.dir, "run")
        os.makedirs(self.socket)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.socket, "postgres")
        self._pg("initdb", "-D", self.pgdata, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust")
        self.start()
        self._pg("createdb", "-h", self.socket, "-p", "5432", "-U", "postgres", "caitiao")

    @property
    def dsn(self):
        return f"host={self.socket} port=5432 user=postgres dbname=caitiao"

    def _pg(self, program, *args):
        command = [os.path.join(PG_BIN, program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, capture_output=True, cwd="/")

    def psql(self, sql):
        command = [os.path.join(PG_BIN, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.socket,
                   "-U", "postgres", "-d", "caitiao", "-c", sql]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        return subprocess.run(command, check=True, capture_output=True, text=True, cwd="/").stdout

    def start(self):
        self._pg("pg_ctl", "-D", self.pgdata, "-w", "-l", os.path.join(self.dir, "postgresql.log"), "-o",
                 f"-c listen_addresses='' -p 5432 -k {self.socket}", "start")

    def stop(self):
        self._pg("pg_ctl", "-D", self.pgdata, "-w", "-m", "fast", "stop")

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def start_servers(caitiaod, fault, sweep):
    """(A, B, external or None): two servers on one database."""
    common = [f"--sweep_interval={sweep}"]
    if fault != "outage":
        a, b = harness.start_many(caitiaod, 2, common)
        return a, b, None
    pg = ExternalPostgres()
    a = harness.CaitiaoServer(caitiaod, extra_args=[f"--database={pg.dsn}", *common])
    b = None
    try:
        a.start()
        b = harness.CaitiaoServer(caitiaod, demo=False, extra_args=[
            f"--database={pg.dsn}", f"--data_key_file={a.cluster_dir}/secrets/data.key", *common])
        b.start()
        return a, b, pg
    except BaseException:
        harness.stop_all(b, a)
        pg.remove()
        raise


def postmaster_pid(server):
    with open(os.path.join(server.cluster_dir, "pgdata", "postmaster.pid")) as f:
        return int(f.readline())


def healthy(server):
    return harness.health_check(server.drill_channel, "caitiao.v1.CaseService", timeout=2) == (grpc.StatusCode.OK,
                                                                                            SERVING)


def wait_serving(servers, since, seen_down, limit_s=90):
    """Polls until every server answers SERVING, recording when each was first
    seen not serving; returns seconds from `since` until all serve."""
    while True:
        elapsed = time.monotonic() - since
        if elapsed > limit_s:
            raise AssertionError(f"not serving again {limit_s} s after the fault")
        states = {}
        for name, server in servers.items():
            states[name] = healthy(server)
            if not states[name] and name not in seen_down:
                seen_down[name] = time.monotonic() - since
        if all(states.values()):
            return time.monotonic() - since
        time.sleep(0.05)


def inject(fault, round_, a, b, pg, outage_s):
    """One fault; returns (seconds until both serve again, {server: seconds until seen NOT_SERVING})."""
    servers = {"A": a, "B": b}
    seen_down = {}
    if fault == "server":
        victim = a if round_ % 2 == 0 else b
        victim.kill()
        since = time.monotonic()
        victim.restart()
        return wait_serving(servers, since, seen_down), seen_down
    if fault == "postgres":
        old = postmaster_pid(a)
        os.kill(old, signal.SIGKILL)
        since = time.monotonic()
        # Health must turn NOT_SERVING on both before they are back.
        while len(seen_down) < 2 and time.monotonic() - since < 10:
            for name, server in servers.items():
                if name not in seen_down and not healthy(server):
                    seen_down[name] = time.monotonic() - since
            time.sleep(0.02)
        back = wait_serving(servers, since, seen_down)
        if postmaster_pid(a) == old:
            raise AssertionError("the embedded cluster was not started again")
        return back, seen_down
    pg.stop()
    since = time.monotonic()
    while time.monotonic() - since < outage_s:
        for name, server in servers.items():
            if name not in seen_down and not healthy(server):
                seen_down[name] = time.monotonic() - since
        time.sleep(0.1)
    pg.start()
    restarted = time.monotonic()
    back = wait_serving(servers, restarted, seen_down)
    return back, seen_down


# ---------------------------------------------------------------------------
# The checks.

class Verdict:
    def __init__(self):
        self.failures = []

    def check(self, ok, what):
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failures.append(what)


def psql_rows(database, sql):
    """Rows of a query on the drill's database (a server's embedded cluster or the external one)."""
    return [line.split("|") for line in database.psql(sql).splitlines() if line]


def verify(figures, a, b, db, staff, verdict):
    acked = figures.acknowledged
    cases = {c for (_, c, _) in acked}
    creates = [c for (method, c, _) in acked if method.endswith("/CreateCase")]

    history = collections.defaultdict(collections.Counter)
    for case_id, kind, n in psql_rows(db, "SELECT case_id, kind, count(*) FROM case_events GROUP BY 1, 2"):
        history[case_id][kind] = int(n)
    lost = sum(max(0, n - history[c][k]) for c, kinds in figures.expected_events.items() for k, n in kinds.items())
    extra = sum(max(0, n - figures.expected_events[c][k]) for c, kinds in history.items() for k, n in kinds.items())
    expected = sum(sum(kinds.values()) for kinds in figures.expected_events.values())
    verdict.check(lost == 0, f"events of acknowledged writes in the history: {expected - lost} of {expected} "
                             f"(lost: {lost})")
    verdict.check(extra == 0, f"events beyond the acknowledged writes (a write applied twice, or one never "
                              f"acknowledged): {extra}")
    keys = {(m, r) for m, r in psql_rows(db, "SELECT method, request_id FROM idempotency_keys")}
    unkeyed = [x for x in acked if (x[0], x[2]) not in keys]
    verdict.check(not unkeyed, f"acknowledged writes with their idempotency key stored: {len(acked) - len(unkeyed)} "
                               f"of {len(acked)}")

    (count,), = psql_rows(db, "SELECT count(*) FROM cases")
    verdict.check(int(count) == len(creates), f"cases in the database {count}, acknowledged creations {len(creates)}")

    wrong_state, unreadable = [], []
    for case_id in cases:
        for server in (a, b):
            out = call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), staff,
                       channel=server.drill_channel, timeout=10)
            if out.code != OK:
                unreadable.append((case_id, out.code.name))
            elif out.response.state != figures.last_state.get(case_id, out.response.state):
                wrong_state.append((case_id, out.response.state, figures.last_state[case_id]))
    verdict.check(not unreadable, f"cases read back on both servers: {2 * len(cases) - len(unreadable)} of "
                                  f"{2 * len(cases)}")
    verdict.check(not wrong_state, f"case reads in the state of their last acknowledged write: "
                                   f"{2 * len(cases) - len(wrong_state)} of {2 * len(cases)} {wrong_state[:2]}")

    broken = psql_rows(db, """
        SELECT count(*) FROM (
          SELECT e.case_id, e.from_state,
                 lag(e.to_state) OVER (PARTITION BY e.case_id ORDER BY e.sequence) AS before,
                 row_number() OVER (PARTITION BY e.case_id ORDER BY e.sequence DESC) AS from_end,
                 e.to_state, c.state
          FROM case_events e JOIN cases c ON c.id = e.case_id) x
        WHERE (before IS NOT NULL AND from_state <> before) OR (from_end = 1 AND to_state <> state)""")
    verdict.check(broken[0][0] == "0", f"events not chaining from state to state, or not ending in the case's "
                                       f"state: {broken[0][0]}")

    numbers = psql_rows(db, """
        SELECT (SELECT count(*) FROM cases), (SELECT coalesce(sum(last_seq), 0) FROM case_number_sequences),
               (SELECT count(DISTINCT case_number) FROM cases)""")
    n_cases, n_seq, n_distinct = (int(x) for x in numbers[0])
    verdict.check(n_cases == n_seq == n_distinct, f"case numbers: {n_distinct} distinct for {n_cases} cases, "
                                                  f"sequences at {n_seq} (duplicated or skipped: {abs(n_seq - n_cases)})")
    # A delegation letter is issued with the delegation; an agreement's
    # number is taken when it is drafted (its document comes when it takes effect).
    documents = psql_rows(db, """
        SELECT s.kind, s.last_seq, n.numbered, n.distinct_numbers
        FROM (SELECT kind, sum(last_seq) AS last_seq FROM document_number_sequences GROUP BY 1) s
        LEFT JOIN (SELECT kind, count(*) AS numbered, count(DISTINCT number) AS distinct_numbers FROM documents
                   WHERE kind <> 'MEDIATION_AGREEMENT' GROUP BY 1
                   UNION ALL
                   SELECT 'MEDIATION_AGREEMENT', count(*), count(DISTINCT number) FROM agreements) n
          ON n.kind = s.kind ORDER BY 1""")
    verdict.check(all(seq == n == distinct for _, seq, n, distinct in documents),
                  "document numbers, by kind (sequence, numbered, distinct numbers): "
                  + ", ".join(f"{kind} {seq}/{n}/{distinct}" for kind, seq, n, distinct in documents))

    audited = collections.Counter()
    for method, resource, n in psql_rows(db, "SELECT method, resource, count(*) FROM audit_records "
                                            "WHERE outcome = 'OK' GROUP BY 1, 2"):
        audited[(method, resource)] = int(n)
    wanted = collections.Counter((method, f"cases/{case_id}") for (method, case_id, _) in acked)
    unaudited = sum(max(0, n - audited[key]) for key, n in wanted.items())
    verdict.check(unaudited == 0, f"acknowledged writes without an OK audit record: {unaudited} "
                                  f"(of {len(acked)})")


# ---------------------------------------------------------------------------

def main():
    global pb
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--caitiaod", required=True)
    parser.add_argument("--proto-dir", required=True)
    parser.add_argument("--fault", choices=FAULTS, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--outage", type=float, default=5.0, help="seconds the external database is down")
    parser.add_argument("--load", type=float, default=1.0, help="seconds of load before each fault (at least)")
    args = parser.parse_args()

    proto_out = tempfile.mkdtemp(prefix="caitiao-drill-proto-")
    pb = harness.generate_messages(args.proto_dir, proto_out)
    a, b, pg = start_servers(args.caitiaod, args.fault, "1s")
    verdict = Verdict()
    try:
        for server in (a, b):
            server.drill_channel = server.new_channel()
        e2e_client.configure(pb, a)
        flow.configure(pb)
        admin, staff, room = Principal("admin"), Principal("wuhan staff"), Principal("room")
        admin.token, staff.token, room.token = a.token("admin"), a.token("arbitration_staff"), a.token("room_staff")
        commission = flow.demo_commissions(admin)["420100"]
        mediator = flow.demo_mediators(admin)[0].id

        load = Load((a, b), staff, room, commission, mediator)
        load.start()
        started = time.monotonic()
        recoveries, downs = [], []
        print(f"drill: {args.fault}, {args.rounds} rounds", flush=True)
        for round_ in range(args.rounds):
            time.sleep(args.load + random.random())
            back, seen_down = inject(args.fault, round_, a, b, pg, args.outage)
            recoveries.append(back)
            downs.extend(seen_down.values())
            print(f"round {round_ + 1}: serving again after {back:.2f} s"
                  + (f", NOT_SERVING seen after {max(seen_down.values()):.2f} s" if seen_down else ""), flush=True)
            if load.errors:
                break
        time.sleep(args.load)
        load.stop()
        elapsed = time.monotonic() - started
        f = load.figures
        print(f"load: {len(f.acknowledged)} writes acknowledged on {len({c for _, c, _ in f.acknowledged})} cases in "
              f"{elapsed:.0f} s, {f.attempts} attempts, {f.retries} retried; attempts by code "
              f"{dict(sorted(f.codes.items()))}")
        print(f"longest attempt {f.longest_attempt:.3f} s; recovery median {sorted(recoveries)[len(recoveries) // 2]:.2f} s,"
              f" longest {max(recoveries):.2f} s")
        print("checks:")
        verdict.check(not load.errors, f"clients without unexpected answers: {load.errors[:3]}")
        verdict.check(f.longest_attempt < ATTEMPT_TIMEOUT_S, f"no attempt waited out its {ATTEMPT_TIMEOUT_S} s deadline")
        if args.fault in ("postgres", "outage"):
            verdict.check(len(downs) == 2 * len(recoveries) and max(downs) < 1.5,
                          f"health NOT_SERVING within 1.5 s on both servers each round "
                          f"(longest {max(downs) if downs else float('nan'):.2f} s)")
        verify(f, a, b, pg or a, staff, verdict)
    finally:
        codes = harness.stop_all(b, a)
        if pg is not None:
            pg.remove()
        shutil.rmtree(proto_out, ignore_errors=True)
    verdict.check(all(code == 0 for code in codes), f"both servers stop cleanly on SIGTERM (exit codes {codes})")
    if verdict.failures:
        print(f"drill FAILED: {len(verdict.failures)} checks", file=sys.stderr)
        for server in (a, b):
            print(server.log_tail(30), file=sys.stderr)
        return 1
    print("drill passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

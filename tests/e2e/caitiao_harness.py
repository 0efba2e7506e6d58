"""Start and stop one caitiaod for an end-to-end test, and talk to it.

Used by test_case_intake.py. Needs only Debian's python3-grpcio and
python3-protobuf, plus protoc on PATH for the message modules:

    harness = CaitiaoServer(caitiaod_path)
    harness.start()            # embedded PostgreSQL in a fresh /tmp dir, --demo
    channel = harness.channel  # grpc.Channel to 127.0.0.1:<port>
    ...
    harness.stop()             # SIGTERM, expects exit code 0, removes the dir

Also here: the message modules generated from the project's protos, and a
tiny protobuf wire codec for the two standard services the project has no
Python modules for (grpc.health.v1 and grpc.reflection.v1alpha).
"""

import ctypes
import glob
import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import grpc

PR_SET_PDEATHSIG = 1


def _stop_when_parent_dies():
    """Runs in the child before exec: if this test process is killed (e.g. by
    CTest's timeout), caitiaod gets SIGTERM and stops its PostgreSQL cleanly
    instead of leaving it running."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 60
HEALTH_SERVING = 1


# ---------------------------------------------------------------------------
# Generated message modules.

def generate_messages(proto_dir, out_dir):
    """protoc --python_out for caitiao/v1/*.proto; returns a namespace of modules.

    The result has attributes common, case, case_service, directory, access,
    reporting, docking, policy, mediation, document, review, subsidy and coverage: the *_pb2 modules of
    the matching .proto files.
    """
    proto_dir = os.path.abspath(proto_dir)
    files = sorted(os.path.relpath(p, proto_dir)
                   for p in glob.glob(os.path.join(proto_dir, "caitiao", "v1", "*.proto")))
    if not files:
        raise RuntimeError(f"no caitiao/v1/*.proto under {proto_dir}")
    subprocess.run(["protoc", "-I", proto_dir, f"--python_out={out_dir}", *files],
                   cwd=proto_dir, check=True)
    if out_dir not in sys.path:
        sys.path.insert(0, out_dir)
    importlib.invalidate_caches()

    class Messages:
        pass

    m = Messages()
    for name in ("common", "case", "case_service", "directory", "access", "reporting", "docking", "policy",
                 "mediation", "document", "review", "subsidy", "coverage"):
        setattr(m, name, importlib.import_module(f"caitiao.v1.{name}_pb2"))
    return m


# ---------------------------------------------------------------------------
# Minimal protobuf wire format (only what health and reflection need).

def encode_varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def encode_bytes_field(field_number, value):
    """A length-delimited field (string, bytes or embedded message)."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    return encode_varint(field_number << 3 | 2) + encode_varint(len(value)) + value


def _read_varint(data, pos):
    shift = result = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def decode_fields(data):
    """[(field_number, wire_type, value)]; value is int or bytes."""
    fields, pos = [], 0
    while pos < len(data):
        key, pos = _read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = _read_varint(data, pos)
        elif wire_type == 1:
            value, pos = data[pos:pos + 8], pos + 8
        elif wire_type == 2:
            length, pos = _read_varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire_type == 5:
            value, pos = data[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
        fields.append((number, wire_type, value))
    return fields


def field_values(data, number):
    return [v for n, _, v in decode_fields(data) if n == number]


# ---------------------------------------------------------------------------
# Standard services, hand-encoded.

def health_check(channel, service, timeout=10):
    """grpc.health.v1.Health/Check; returns (status code, serving status int or None)."""
    check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                request_serializer=None, response_deserializer=None)
    request = encode_bytes_field(1, service) if service else b""
    try:
        response = check(request, timeout=timeout)
    except grpc.RpcError as e:
        return e.code(), None
    statuses = field_values(response, 1)
    return grpc.StatusCode.OK, (statuses[0] if statuses else 0)  # proto3: 0 is omitted


def reflection_list_services(channel, timeout=10,
                             method="/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"):
    """Service names from ServerReflectionRequest{list_services: ""}."""
    stream = channel.stream_stream(method, request_serializer=None, response_deserializer=None)
    request = encode_bytes_field(7, "")  # list_services = 7
    names = []
    for response in stream(iter([request]), timeout=timeout):
        for list_response in field_values(response, 6):       # list_services_response
            for service in field_values(list_response, 1):    # repeated ServiceResponse service
                for name in field_values(service, 1):         # string name
                    names.append(name.decode("utf-8"))
    return names


def reflection_file_containing_symbol(channel, symbol, timeout=10,
                                      method="/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"):
    """(file names, error code) from ServerReflectionRequest{file_containing_symbol}:
    what grpcurl or buf curl ask before calling a method they have no proto file for.
    The answer's serialized FileDescriptorProtos are parsed for their name only."""
    stream = channel.stream_stream(method, request_serializer=None, response_deserializer=None)
    request = encode_bytes_field(4, symbol)  # file_containing_symbol = 4
    files, error = [], 0
    for response in stream(iter([request]), timeout=timeout):
        for descriptors in field_values(response, 4):        # file_descriptor_response
            for proto in field_values(descriptors, 1):        # repeated bytes file_descriptor_proto
                for name in field_values(proto, 1):           # FileDescriptorProto.name
                    files.append(name.decode("utf-8"))
        for err in field_values(response, 7):                 # error_response
            codes = field_values(err, 1)                      # int32 error_code
            error = codes[0] if codes else 2
    return files, error


# ---------------------------------------------------------------------------
# The server process.

class CaitiaoServer:
    """One caitiaod with an embedded PostgreSQL in a private /tmp folder."""

    def __init__(self, caitiaod, extra_args=(), channel_credentials=None, demo=True, parent="/tmp"):
        """extra_args go to caitiaod (e.g. TLS flags); channel_credentials
        (grpc.ssl_channel_credentials) make the test channel a TLS one; the
        server's folder is made in `parent`."""
        self.caitiaod = os.path.abspath(caitiaod)
        self.parent = parent
        self.extra_args = list(extra_args)
        self.channel_credentials = channel_credentials
        self.demo = demo
        self.data_dir = None
        self.port = None
        self.process = None
        self.channel = None
        self.log_path = None
        self.log_text = ""  # kept after stop(), when the folder is gone

    def start(self):
        if not os.access(self.caitiaod, os.X_OK):
            raise RuntimeError(f"caitiaod not found or not executable: {self.caitiaod}")
        self.data_dir = tempfile.mkdtemp(prefix="caitiao-e2e-", dir=self.parent)
        self.log_path = os.path.join(self.data_dir, "caitiaod.log")
        self._launch("--listen=127.0.0.1:0")
        self.channel = self.new_channel(self.channel_credentials)
        self._wait_for_serving(time.monotonic() + START_TIMEOUT_S)

    def _launch(self, listen):
        """Starts the process on this data folder (appending to its log) and waits for its port."""
        port_file = os.path.join(self.data_dir, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                # The cluster gets a folder of its own: caitiaod refuses to
                # take over a non-empty folder that holds no cluster.
                [self.caitiaod, f"--data_dir={self.cluster_dir}", listen,
                 f"--port_file={port_file}"] + (["--demo"] if self.demo else []) + self.extra_args,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=_stop_when_parent_dies)
        self.port = self._wait_for_port(port_file, time.monotonic() + START_TIMEOUT_S)

    def kill(self):
        """kill -9 of the server process (its embedded PostgreSQL, started by
        pg_ctl, keeps running); waits for it to be gone."""
        self.process.kill()
        self.process.wait()

    def restart(self):
        """Starts caitiaod again on the same folder and port, after kill();
        returns once health says SERVING. The old channel reconnects by itself."""
        self._launch(f"--listen=127.0.0.1:{self.port}")
        self._wait_for_serving(time.monotonic() + START_TIMEOUT_S)

    @property
    def cluster_dir(self):
        return os.path.join(self.data_dir, "cluster")

    def new_channel(self, credentials=None):
        """Another channel to this server, plaintext or with these TLS credentials."""
        target = f"127.0.0.1:{self.port}"
        # Reconnect within a second of a restart (gRPC's default backoff grows to two minutes).
        options = [("grpc.initial_reconnect_backoff_ms", 100), ("grpc.min_reconnect_backoff_ms", 100),
                   ("grpc.max_reconnect_backoff_ms", 1000)]
        if credentials:
            return grpc.secure_channel(target, credentials, options=options)
        return grpc.insecure_channel(target, options=options)

    def token(self, name="admin"):
        """A bearer token the server wrote: "admin" (admin.token) or a demo
        token ("arbitration_staff", "reporting", ...)."""
        path = (os.path.join(self.cluster_dir, "admin.token") if name == "admin"
                else os.path.join(self.cluster_dir, "demo-tokens", f"{name}.token"))
        with open(path) as f:
            return f.read().strip()

    def psql_command(self, sql):
        """The command line that runs SQL on the embedded cluster as the postgres user."""
        command = ["/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                   "-h", os.path.join(self.cluster_dir, "run"), "-U", "postgres", "-d", "caitiao", "-c", sql]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        return command

    def psql(self, sql):
        """Runs SQL on the embedded cluster as the postgres user; returns stdout."""
        return subprocess.run(self.psql_command(sql), check=True, capture_output=True, text=True, cwd="/").stdout

    def _wait_for_port(self, port_file, deadline):
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"caitiaod exited with code {self.process.returncode} while starting")
            try:
                with open(port_file) as f:
                    text = f.read()
                # The server writes "<port>\n"; without the newline it may be half written.
                if text.endswith("\n") and text.strip().isdigit():
                    return int(text.strip())
            except FileNotFoundError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"no port file after {START_TIMEOUT_S} s")

    def _wait_for_serving(self, deadline):
        last = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"caitiaod exited with code {self.process.returncode} while starting")
            last = health_check(self.channel, "", timeout=2)
            if last == (grpc.StatusCode.OK, HEALTH_SERVING):
                return
            time.sleep(0.1)
        raise RuntimeError(f"health never SERVING within {START_TIMEOUT_S} s (last: {last})")

    def stop(self):
        """SIGTERM; returns the exit code (None if it had to be killed). Removes the folder."""
        code = None
        try:
            if self.channel is not None:
                self.channel.close()
                self.channel = None
            if self.process is not None and self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    code = self.process.wait(timeout=STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                    code = None
            elif self.process is not None:
                code = self.process.returncode
        finally:
            self.log_text = self.read_log()
            if self.data_dir:
                shutil.rmtree(self.data_dir, ignore_errors=True)
                self.data_dir = None
        return code

    def read_log(self):
        if self.log_path and os.path.exists(self.log_path):
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", errors="replace")
        return self.log_text

    def log_tail(self, lines=60):
        return "\n".join(self.read_log().splitlines()[-lines:])


# ---------------------------------------------------------------------------
# Running a test module.

def start_pair(caitiaod, extra_args=()):
    """Two servers on one database: A with the embedded cluster and the demo
    data, B on A's cluster and data key. Both get `extra_args`. Returns (A, B)
    started; stops whatever started if the other fails."""
    return start_many(caitiaod, 2, extra_args)


def start_many(caitiaod, count, extra_args=()):
    """`count` servers on one database: the first with the embedded cluster
    and the demo data, the others on its cluster and data key. All get
    `extra_args`. Returns them started; stops whatever started if one fails."""
    servers = [CaitiaoServer(caitiaod, extra_args=extra_args)]
    try:
        servers[0].start()
        dsn = f"host={servers[0].cluster_dir}/run port=5432 user=postgres dbname=caitiao"
        for _ in range(count - 1):
            servers.append(CaitiaoServer(caitiaod, demo=False, extra_args=[
                f"--database={dsn}", f"--data_key_file={servers[0].cluster_dir}/secrets/data.key", *extra_args]))
            servers[-1].start()
        return tuple(servers)
    except BaseException:
        stop_all(*reversed(servers))
        raise


def end_module(proto_out, *servers):
    """A module's teardown: removes its generated messages and stops its
    servers (the second of a pair first); fails unless each exited cleanly."""
    shutil.rmtree(proto_out, ignore_errors=True)
    codes = stop_all(*servers)
    if any(code != 0 for code in codes):
        raise AssertionError(f"caitiaod did not exit cleanly on SIGTERM: exit codes {codes}")


def stop_all(*servers):
    """Stops each started server (the second of a pair first); returns their exit codes."""
    return [server.stop() for server in servers if server is not None and server.process is not None]


def main(module):
    """Runs `module`'s tests: --caitiaod and --proto-dir go into module.ARGS,
    the rest to unittest; on failure the tail of module.SERVER's output is
    printed (failure messages quote x-request-id, and the server logs one line
    per call with it). Exits 0 or 1."""
    import argparse
    import unittest
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--caitiaod", required=True)
    parser.add_argument("--proto-dir", required=True)
    module.ARGS, rest = parser.parse_known_args()
    result = unittest.main(module=module, argv=[sys.argv[0]] + rest, exit=False).result
    server = getattr(module, "SERVER", None)
    if server is not None and not result.wasSuccessful():
        lines = server.log_text.splitlines()
        problems = [line for line in lines if "level=warn" in line or "level=error" in line]
        print("\n--- caitiaod warnings and errors ---\n" + "\n".join(problems[-40:]) +
              "\n--- caitiaod output (tail) ---\n" + "\n".join(lines[-60:]), file=sys.stderr)
    sys.exit(0 if result.wasSuccessful() else 1)

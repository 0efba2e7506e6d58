#!/usr/bin/env bash
# Installs every Debian 12 package Caitiao needs to build, run and test.
# Idempotent: quiet when everything is already installed. Nothing is fetched
# from anywhere but Debian's own package archive.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config
  # API and transport
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  # storage: libpqxx 6.4 and the PostgreSQL 15 server for the embedded cluster
  libpqxx-dev libpq-dev postgresql postgresql-contrib
  # Abseil 20220623: Status, flags, strings, time, synchronization
  libabsl-dev
  # personal data at rest (AES-256-GCM), token hashes; openssl makes test certificates
  libssl-dev openssl
  # tests: GoogleTest; the independent client is Debian's Python grpcio
  libgtest-dev libgmock-dev python3-grpcio python3-protobuf
  # backups (deploy/backup.sh, restore.sh): pg_basebackup, pg_verifybackup and
  # psql come with postgresql (postgresql-client-15); python3 checks the data
  # key against the database (not in every minimal Debian 12); numfmt, du and
  # install are coreutils, runuser util-linux, setfacl acl (below)
  python3
  # HTML reports: mustache templates (libmstch, static, with Boost headers) and
  # Chart.js, inlined into each page; the test opens them in headless Chromium
  # (it runs without its recommends), with a CJK font for the Chinese names
  libmstch-dev libjs-chart.js chromium fonts-wqy-zenhei
  # fuzzing and sanitizers: clang with libFuzzer
  clang libclang-rt-14-dev
  # metrics: the Prometheus scrape endpoint over cpp-httplib; promtool (from
  # prometheus) checks its page in the end-to-end test
  libcpp-httplib-dev prometheus
  # runuser (util-linux) starts PostgreSQL unprivileged when we run as root;
  # setfacl (acl) lets that user through a root-only checkout to ./var/
  util-linux acl
)
# tests: the Node.js client and buf lint get their npm packages (@grpc/grpc-js,
# @grpc/proto-loader, @bufbuild/buf) into the build tree with npm. Debian's
# nodejs and npm only when there is no npm at all: a machine with another
# Node.js (e.g. a vendor's nodejs package, which bundles npm and conflicts with
# Debian's npm package) keeps the one it has.
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run as root (or with sudo) to install them" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2

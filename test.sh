#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian 12 machine and ends with one summary line:
#   tests: N passed, M failed
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter FullyQualifiedName~Soap
# Without arguments it then runs the fault suite quickly (tests/DuplexBus.Chaos --quick): one test per scenario.
#
# Integration tests need PostgreSQL and RabbitMQ. They take, in this order: DUPLEXBUS_TEST_POSTGRES /
# DUPLEXBUS_TEST_RABBITMQ, Testcontainers when a Docker engine answers, or private server processes
# started from Debian's packages (installed below when missing). Private servers use their own free
# loopback ports and temp folders, so a system-wide server on 5432/5672 does not get in the way.
set -euo pipefail

cd "$(dirname "$0")"

summary() {
  echo "tests: $1 passed, $2 failed"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

have_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}

have_rabbitmq() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null 2>&1
}

have_libfaketime() {
  [ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ]
}

have_haproxy() {
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]
}
have_prometheus() {
  [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ]
}
have_chromium() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
}
have_zeep() {
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import zeep' >/dev/null 2>&1
}

install_servers() {
  local packages=()
  if [ -z "${DUPLEXBUS_TEST_POSTGRES:-}" ] && ! have_postgres; then packages+=(postgresql); fi
  if [ -z "${DUPLEXBUS_TEST_RABBITMQ:-}" ] && ! have_rabbitmq; then packages+=(rabbitmq-server); fi
  # The clock-skew tests run a second host under libfaketime; the fault suite balances two hosts with haproxy.
  if ! have_libfaketime; then packages+=(libfaketime); fi
  if ! have_haproxy; then packages+=(haproxy); fi
  # The authentication tests use zeep as a second, independent WS-Security client.
  if ! have_zeep; then packages+=(python3-zeep); fi
  # The monitoring tests run the checked-in alert rules and dashboard queries in a real Prometheus, and promtool.
  if ! have_prometheus; then packages+=(prometheus); fi
  # The operator console is tested in a real headless browser: Debian's chromium, driven through its chromedriver.
  if ! have_chromium; then packages+=(chromium chromium-driver); fi
  # The WSDL tests also run npm's soap package under Node.js (present on these machines; Debian's otherwise).
  if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi
  if [ "${#packages[@]}" -eq 0 ]; then return 0; fi

  echo "test.sh: installing ${packages[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is not on PATH" >&2
  summary 0 1
  exit 1
fi

if ! install_servers; then
  echo "test.sh: installing the test servers failed" >&2
  summary 0 1
  exit 1
fi

# The metadata tests run node-soap, pinned by tests/node-soap/package-lock.json, as an independent WSDL client.
if ! npm ci --prefix tests/node-soap --no-audit --no-fund >/dev/null; then
  echo "test.sh: npm ci in tests/node-soap failed" >&2
  summary 0 1
  exit 1
fi

results="TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"

# A hung test host is killed (and reported as aborted) long before CI's own time limit.
set +e
dotnet test DuplexBus.sln -c Release \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$results" \
  --blame-hang-timeout 20m --blame-hang-dump-type none \
  "$@"
status=$?
set -e

# Each test project writes one .trx; its <Counters .../> element holds that project's totals.
attribute() { # attribute NAME < counters-line
  sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"
}
passed=0
failed=0
counted=0
while IFS= read -r -d '' trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  [ -n "$counters" ] || continue
  counted=$((counted + 1))
  value=$(attribute passed <<<"$counters")
  passed=$((passed + ${value:-0}))
  for name in failed error timeout aborted; do
    value=$(attribute "$name" <<<"$counters")
    failed=$((failed + ${value:-0}))
  done
done < <(find "$results" -name '*.trx' -print0)

# The fault suite, quick: every scenario once, small, on its own private servers (it needs root for its tmpfs
# mounts). Each scenario counts as one test; its table and findings go to the output and to chaos.log.
# A run narrowed by arguments to `dotnet test` (e.g. --filter) is about those tests only, and skips it.
if [ "$#" -eq 0 ]; then
  set +e
  # `dotnet test` builds only the test projects and what they reference, so the suite is built here.
  dotnet run -c Release --project tests/DuplexBus.Chaos -- --quick 2>&1 | tee "$results/chaos.log"
  chaos_status=${PIPESTATUS[0]}
  set -e
  chaos_passed=$(grep -cE '^  [a-z0-9-]+(#[0-9]+)?: ok \[' "$results/chaos.log" || true)
  chaos_failed=$(grep -cE '^  [a-z0-9-]+(#[0-9]+)?: (FAIL|DID NOT RUN)' "$results/chaos.log" || true)
  if ! grep -qE '^chaos: [0-9]+ scenarios, lost [0-9]+, duplicated [0-9]+, reordered [0-9]+$' "$results/chaos.log"; then
    echo "test.sh: the fault suite did not report its figures" >&2
    chaos_failed=$((chaos_failed + 1))
  elif [ "$chaos_status" -ne 0 ] && [ "$chaos_failed" -eq 0 ]; then
    echo "test.sh: the fault suite exited with $chaos_status" >&2
    chaos_failed=1
  fi
  passed=$((passed + chaos_passed))
  failed=$((failed + chaos_failed))
fi

if [ "$counted" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status and reported no results (see $results)" >&2
  summary 0 1
  exit 1
fi

# A non-zero exit with clean counters (e.g. one project failed to build) is still a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status although no test failed" >&2
  failed=1
fi

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
fi

summary "$passed" "$failed"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi

# shellcheck shell=bash
# Shared settings and helpers for kafka-fetch.sh, kafka-up.sh and kafka-down.sh.
# Sourced, never run. Every path is absolute so the scripts work from any directory.

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"

# pom.xml is the single source of the broker version; the cache marker records it.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_DIR/pom.xml")"

abs_path() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

KAFKA_CACHE_DIR="$(abs_path "${KAFKA_CACHE_DIR:-$KAFKA_DIR/.cache}")"
KAFKA_LIBS_DIR="$KAFKA_CACHE_DIR/libs"
KAFKA_LIBS_MARKER="$KAFKA_LIBS_DIR/.complete"
KAFKA_DATA_DIR="$(abs_path "${KAFKA_DATA_DIR:-$KAFKA_DIR/.data}")"
KAFKA_LOG_DIRS="$KAFKA_DATA_DIR/kraft"
KAFKA_APP_LOG_DIR="$KAFKA_DATA_DIR/logs"
KAFKA_PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
KAFKA_CLUSTER_ID_FILE="$KAFKA_DATA_DIR/cluster-id"
KAFKA_EFFECTIVE_PROPS="$KAFKA_DATA_DIR/server.properties"
KAFKA_CONSOLE_LOG="$KAFKA_APP_LOG_DIR/console.out"
# Set while the broker was started by tools/test.mjs (KAFKA_UP_BY_TEST=1): the last test run
# using it stops it. A manual `kafka:up` removes it, so the broker then stays up.
KAFKA_AUTO_STARTED_FILE="$KAFKA_DATA_DIR/auto-started"

KAFKA_HOST=127.0.0.1
# Explicit: the caller asked for this port. Otherwise kafka-up.sh adopts the port our
# running broker already uses (e.g. a free port tools/test.mjs moved it to).
KAFKA_PORT_EXPLICIT="${KAFKA_PORT:+1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_BROKERS_VALUE="$KAFKA_HOST:$KAFKA_PORT"
KAFKA_START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-90}"
KAFKA_STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-30}"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
else
  JAVA_BIN="java"
fi

kafka_log() { printf '[kafka] %s\n' "$*" >&2; }
kafka_die() {
  printf '[kafka] ERROR: %s\n' "$*" >&2
  exit 1
}

# Kafka 4.x brokers need Java 17+; say so plainly instead of a JVM class-version trace.
require_java() {
  if ! command -v "$JAVA_BIN" >/dev/null 2>&1; then
    kafka_die "Java 17+ is required to run the local Kafka broker, but 'java' was not found. Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME."
  fi
  local props spec major
  props="$("$JAVA_BIN" -XshowSettings:properties -version 2>&1)"
  spec="$(sed -n 's/^ *java.specification.version = //p' <<<"$props")"
  JAVA_IDENTITY="$(sed -n 's/^ *\(java.home\|java.runtime.version\) = //p' <<<"$props" | tr '\n' ' ')"
  major="${spec#1.}"
  major="${major%%.*}"
  if [[ -z "$major" || "$major" -lt 17 ]]; then
    kafka_die "Java 17+ is required (Kafka $KAFKA_VERSION), found Java '${spec:-unknown}' at $(command -v "$JAVA_BIN"). Install openjdk-17 or set JAVA_HOME."
  fi
}

require_maven() {
  command -v mvn >/dev/null 2>&1 ||
    kafka_die "Maven is required once to fetch the Kafka jars from Maven Central, but 'mvn' was not found. Install it (Debian/Ubuntu: apt-get install -y maven)."
}

# The marker carries the pom's hash, so editing pom.xml (e.g. a version bump) refetches.
libs_fingerprint() {
  printf 'kafka=%s pom=%s\n' "$KAFKA_VERSION" "$(cksum <"$KAFKA_DIR/pom.xml" | cut -d' ' -f1)"
}

libs_complete() {
  [[ -f "$KAFKA_LIBS_MARKER" ]] && [[ "$(cat "$KAFKA_LIBS_MARKER")" == "$(libs_fingerprint)" ]]
}

# AppCDS: an archive of the classes Kafka loads, written when a broker first exits, makes later
# JVM starts faster. It is only valid for this JDK and these jars, hence the name. KAFKA_CDS=0
# turns it off.
KAFKA_CDS_PENDING_FILE="$KAFKA_DATA_DIR/cds-pending"
cds_archive_path() {
  local id
  id="$(printf '%s %s' "$JAVA_IDENTITY" "$(cat "$KAFKA_LIBS_MARKER" 2>/dev/null)" | cksum | cut -d' ' -f1)"
  printf '%s\n' "$KAFKA_CACHE_DIR/cds/kafka-$id.jsa"
}

# A zombie (exited, not yet reaped by a parent that is gone) counts as dead.
pid_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}

# Prints the broker pid when OUR broker (this data dir) is alive. A pid file left over from a
# crash, or a recycled pid now owned by another program, does not count.
running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *kafka.Kafka* && "$cmdline" == *"$KAFKA_EFFECTIVE_PROPS"* ]] || return 1
  printf '%s\n' "$pid"
}

# Serializes kafka-up.sh and kafka-down.sh on one data dir: several engineers (or test runs)
# may start and stop the same broker at the same moment.
lock_data_dir() {
  mkdir -p "$KAFKA_DATA_DIR"
  exec 9>"$KAFKA_DATA_DIR/.scripts.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 180 9 || kafka_die "another kafka-up/kafka-down on $KAFKA_DATA_DIR did not finish within 180 s"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no nc needed).
port_open() {
  (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null
}

#!/usr/bin/env bash
# Starts the local single-node KRaft Kafka broker in the background and creates the md.*
# topics. Idempotent: when our broker is already up it only verifies the topics.
# Prints `KAFKA_BROKERS=127.0.0.1:<port>` and `KAFKA_STARTED=true|false` (false: it was already
# up) on stdout; everything else goes to stderr. Exit code 3: the port is taken by another program.
#
# env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KAFKA_DATA_DIR (infra/kafka/.data),
#      KAFKA_HEAP_OPTS (-Xms512m -Xmx1g), KAFKA_START_TIMEOUT_S (90), KAFKA_CDS (1),
#      KAFKA_UP_BY_TEST (set by tools/test.mjs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/kafka-env.sh"

require_java
command -v node >/dev/null 2>&1 || kafka_die "node is required (it runs the readiness probe)"
bash "$KAFKA_DIR/kafka-fetch.sh"

tail_logs() {
  local f
  for f in "$KAFKA_CONSOLE_LOG" "$KAFKA_APP_LOG_DIR/server.log"; do
    if [[ -s "$f" ]]; then
      printf '[kafka] ---- last lines of %s ----\n' "$f" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

ensure_topics() {
  node "$KAFKA_DIR/kafka-topics.mjs" "$KAFKA_BROKERS_VALUE" "$1"
}

lock_data_dir

if pid="$(running_pid)"; then
  running_port="$(sed -n 's|^advertised.listeners=PLAINTEXT://[^:]*:\([0-9]*\).*|\1|p' \
    "$KAFKA_EFFECTIVE_PROPS" | tail -n 1)"
  if [[ "$running_port" != "$KAFKA_PORT" ]]; then
    [[ -z "$KAFKA_PORT_EXPLICIT" ]] ||
      kafka_die "our broker (pid $pid, data $KAFKA_DATA_DIR) already runs on port $running_port, not $KAFKA_PORT; run 'npm run kafka:down' first"
    KAFKA_PORT="$running_port"
    KAFKA_BROKERS_VALUE="$KAFKA_HOST:$KAFKA_PORT"
  fi
  [[ "${KAFKA_UP_BY_TEST:-}" == "1" ]] || rm -f "$KAFKA_AUTO_STARTED_FILE"
  kafka_log "already running (pid $pid) on $KAFKA_BROKERS_VALUE; verifying topics"
  ensure_topics 30 || kafka_die "the running broker (pid $pid) does not answer; try 'npm run kafka:down' then 'npm run kafka:up'"
  echo "KAFKA_BROKERS=$KAFKA_BROKERS_VALUE"
  echo "KAFKA_STARTED=false"
  exit 0
fi
rm -f "$KAFKA_PID_FILE" "$KAFKA_AUTO_STARTED_FILE"

for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if port_open "$port"; then
    kafka_log "ERROR: port $port on $KAFKA_HOST is already in use by another process (not our broker; see 'ss -ltnp | grep :$port'). Stop it, or pick other ports with KAFKA_PORT=..."
    exit 3 # tools/test.mjs reads this code as "port taken" and moves to free ports
  fi
done

mkdir -p "$KAFKA_LOG_DIRS" "$KAFKA_APP_LOG_DIR"

# Environment-dependent settings are appended to a copy of server.properties; in a Java
# properties file the last occurrence of a key wins.
{
  cat "$KAFKA_DIR/server.properties"
  echo
  echo "# ---- appended by kafka-up.sh ----"
  echo "listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
  echo "advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT"
  echo "controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
  echo "log.dirs=$KAFKA_LOG_DIRS"
} >"$KAFKA_EFFECTIVE_PROPS"

log_opts=(-Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" -Dkafka.logs.dir="$KAFKA_APP_LOG_DIR")

if [[ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
  if [[ ! -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    # A Kafka cluster id is 16 random bytes in unpadded URL-safe base64 (what
    # `kafka-storage random-uuid` prints); generating it here saves a JVM start.
    cluster_id="-"
    while [[ "$cluster_id" == -* ]]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    done
    echo "$cluster_id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  kafka_log "formatting storage in $KAFKA_LOG_DIRS (cluster id $(cat "$KAFKA_CLUSTER_ID_FILE"))"
  if ! "$JAVA_BIN" -Xmx256m -XX:TieredStopAtLevel=1 "${log_opts[@]}" -cp "$KAFKA_LIBS_DIR/*" \
    kafka.tools.StorageTool format -t "$(cat "$KAFKA_CLUSTER_ID_FILE")" \
    -c "$KAFKA_EFFECTIVE_PROPS" >"$KAFKA_APP_LOG_DIR/format.out" 2>&1; then
    cat "$KAFKA_APP_LOG_DIR/format.out" >&2
    kafka_die "formatting the storage failed (delete $KAFKA_DATA_DIR to start from scratch)"
  fi
fi

# shellcheck disable=SC2206 # word splitting of KAFKA_HEAP_OPTS is intended
heap_opts=(${KAFKA_HEAP_OPTS:--Xms512m -Xmx1g})
jvm_opts=(
  -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
  # Class data sharing: a missing or unusable archive falls back to a normal start.
  -Xshare:auto
)

cds_opts=()
rm -f "$KAFKA_CDS_PENDING_FILE"
if [[ "${KAFKA_CDS:-1}" != "0" ]]; then
  jsa="$(cds_archive_path)"
  if [[ -s "$jsa" ]]; then
    cds_opts=(-XX:SharedArchiveFile="$jsa")
  else
    # Dumped at JVM exit into a scratch file; kafka-down.sh keeps it only after a clean exit.
    mkdir -p "$(dirname "$jsa")"
    rm -f "$jsa".tmp.*
    cds_opts=(-XX:ArchiveClassesAtExit="$jsa.tmp.$$")
    echo "$jsa.tmp.$$ $jsa" >"$KAFKA_CDS_PENDING_FILE"
  fi
fi

kafka_log "starting Kafka $KAFKA_VERSION on $KAFKA_BROKERS_VALUE (data: $KAFKA_DATA_DIR)"
started=$SECONDS
# A background job of a non-interactive shell ignores SIGINT, and nohup adds SIGHUP: a Ctrl-C
# or a closed terminal does not kill the broker half-way; kafka-down.sh stops it by pid.
nohup "$JAVA_BIN" "${heap_opts[@]}" "${jvm_opts[@]}" "${cds_opts[@]}" "${log_opts[@]}" \
  -cp "$KAFKA_LIBS_DIR/*" kafka.Kafka "$KAFKA_EFFECTIVE_PROPS" \
  >"$KAFKA_CONSOLE_LOG" 2>&1 </dev/null 9>&- & # 9>&-: the broker must not inherit the script lock
pid=$!
echo "$pid" >"$KAFKA_PID_FILE"

fail_start() {
  tail_logs
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$KAFKA_PID_FILE"
  kafka_die "$1"
}

deadline=$((SECONDS + KAFKA_START_TIMEOUT_S))
until port_open "$KAFKA_PORT"; do
  kill -0 "$pid" 2>/dev/null || fail_start "the broker exited during start-up (logs above, all in $KAFKA_APP_LOG_DIR)"
  ((SECONDS < deadline)) || fail_start "the broker did not open port $KAFKA_PORT within ${KAFKA_START_TIMEOUT_S} s"
  sleep 0.2
done
ensure_topics "$((deadline - SECONDS > 5 ? deadline - SECONDS : 5))" ||
  fail_start "the broker did not answer metadata requests / create topics within ${KAFKA_START_TIMEOUT_S} s"

[[ "${KAFKA_UP_BY_TEST:-}" == "1" ]] && touch "$KAFKA_AUTO_STARTED_FILE"
kafka_log "up in $((SECONDS - started)) s (pid $pid); logs in $KAFKA_APP_LOG_DIR"
echo "KAFKA_BROKERS=$KAFKA_BROKERS_VALUE"
echo "KAFKA_STARTED=true"

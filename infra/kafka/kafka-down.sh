#!/usr/bin/env bash
# Stops the local broker started by kafka-up.sh (found by its pid file, never by name):
# SIGTERM for a clean shutdown, SIGKILL after KAFKA_STOP_TIMEOUT_S (30). Idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/kafka-env.sh"

if [[ -d "$KAFKA_DATA_DIR" ]]; then
  lock_data_dir
fi

if ! pid="$(running_pid)"; then
  rm -f "$KAFKA_PID_FILE" "$KAFKA_AUTO_STARTED_FILE"
  kafka_log "not running (data: $KAFKA_DATA_DIR)"
  exit 0
fi

kafka_log "stopping broker (pid $pid) ..."
started=$SECONDS
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + KAFKA_STOP_TIMEOUT_S))
while pid_alive "$pid" && ((SECONDS < deadline)); do
  sleep 0.2
done
clean=true
if pid_alive "$pid"; then
  kafka_log "no clean exit after ${KAFKA_STOP_TIMEOUT_S} s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  while pid_alive "$pid"; do sleep 0.1; done
  clean=false
fi
rm -f "$KAFKA_PID_FILE" "$KAFKA_AUTO_STARTED_FILE"

# The class-data archive the broker dumped at exit (see kafka-up.sh) is kept only when
# the JVM finished writing it.
if [[ -f "$KAFKA_CDS_PENDING_FILE" ]]; then
  read -r cds_tmp cds_final <"$KAFKA_CDS_PENDING_FILE" || true
  if [[ "$clean" == true && -s "${cds_tmp:-}" ]]; then
    mv -f "$cds_tmp" "$cds_final"
    kafka_log "saved class-data archive for faster starts: $cds_final"
  else
    rm -f "${cds_tmp:-}"
  fi
  rm -f "$KAFKA_CDS_PENDING_FILE"
fi
kafka_log "stopped in $((SECONDS - started)) s"

#!/usr/bin/env bash
# Copies the Apache Kafka broker jars (pinned in pom.xml) and their runtime dependencies
# from Maven Central into .cache/libs. Runs Maven only when the cache is missing or stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/kafka-env.sh"

require_java

if libs_complete; then
  kafka_log "Kafka $KAFKA_VERSION jars already cached in $KAFKA_LIBS_DIR"
  exit 0
fi

require_maven
kafka_log "fetching Kafka $KAFKA_VERSION jars from Maven Central (once) ..."
started=$SECONDS

# Copy into a scratch folder and swap it in, so an interrupted fetch never leaves a
# half-filled libs/ that looks usable.
tmp_dir="$KAFKA_CACHE_DIR/libs.tmp.$$"
trap 'rm -rf "$tmp_dir"' EXIT
rm -rf "$tmp_dir"
mkdir -p "$KAFKA_CACHE_DIR"

mvn_args=(-B -q -Dstyle.color=never -f "$KAFKA_DIR/pom.xml" dependency:copy-dependencies
  -DincludeScope=runtime -DoutputDirectory="$tmp_dir")
# CI logs stay readable: no per-artifact download progress.
mvn_args+=(-Dorg.slf4j.simpleLogger.log.org.apache.maven.cli.transfer.Slf4jMavenTransferListener=warn)
fetch_log="$KAFKA_CACHE_DIR/fetch.log"
if ! mvn "${mvn_args[@]}" >"$fetch_log" 2>&1; then
  tail -n 40 "$fetch_log" >&2
  kafka_die "Maven could not fetch the Kafka jars (log above, full log in $fetch_log). Is Maven Central reachable?"
fi

ls "$tmp_dir"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 ||
  kafka_die "Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing from $tmp_dir"

rm -rf "$KAFKA_LIBS_DIR"
mv "$tmp_dir" "$KAFKA_LIBS_DIR"
libs_fingerprint >"$KAFKA_LIBS_MARKER"
kafka_log "cached $(ls "$KAFKA_LIBS_DIR"/*.jar | wc -l) jars in $KAFKA_LIBS_DIR ($((SECONDS - started)) s)"

#!/usr/bin/env bash
# Benchmarks notification-service's fan-out: one incident update to 10,000 webhook subscribers served
# by a local HTTP sink (deliveries/s, time to the last delivery, p50/p99 from the event's append to
# delivery), beside the same sink driven directly by Java's HTTP client with the same concurrency,
# and appends a section to BENCHMARKS.md. Builds what is needed first (BENCH_SKIP_BUILD=1 to use the
# jars as they are). Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    echo "Building notification-service and the harness ..."
    ./mvnw -q -B -DskipTests -pl bench,notification-service -am package
fi
exec java -Xms512m -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.home="$PWD" -Dbench.command="bench/run-fanout.sh" \
    -Dloader.main=org.incidentplatform.bench.fanout.FanOutBenchmark \
    -cp bench/target/bench.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

#!/usr/bin/env bash
# Benchmarks projection-service's reads (wrk against /api/v2/summary.json and /, beside nginx serving
# the same bytes as static files) and its rebuild (a fresh instance replaying incident-events, beside
# a plain KafkaConsumer reading the same topic), and appends a section to BENCHMARKS.md.
# Builds what is needed first (BENCH_SKIP_BUILD=1 to use the jars as they are). Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    echo "Installing wrk and nginx ..."
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk nginx; else sudo apt-get install -y wrk nginx; fi
fi
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    echo "Building projection-service and the harness ..."
    ./mvnw -q -B -DskipTests -pl bench,projection-service -am package
fi
exec java -Xms1g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.home="$PWD" -Dbench.command="bench/run-reads.sh" \
    -Dloader.main=org.incidentplatform.bench.reads.ReadsBenchmark \
    -cp bench/target/bench.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

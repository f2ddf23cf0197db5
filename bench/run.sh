#!/usr/bin/env bash
# Benchmarks incident-service's command path beside Kafka's own producer on the same broker and
# writes BENCHMARKS.md. Builds what is needed first (set BENCH_SKIP_BUILD=1 to use the jars as they
# are). Defaults: 16 clients, 20 s warm-up, 3 runs of 20 s per line; about 5 minutes in all.
# Options: bench/run.sh --help. Don't run it beside a big test suite on a small machine: it
# measures the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    echo "Building incident-service and the harness (first run downloads dependencies) ..."
    ./mvnw -q -B -DskipTests -pl bench -am package
fi
exec java -Xms1g -Xmx2g -Dbench.home="$PWD" -Dbench.command="bench/run.sh" \
    -jar bench/target/bench.jar "$@"

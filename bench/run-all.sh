#!/usr/bin/env bash
# The benchmark harness (ARCHITECTURE.md, Benchmarks and the fault suite): starts one stack (Kafka and the schema registry in the harness
# JVM, incident-service, projection-service and notification-service as child JVMs) and measures,
# each beside its ceiling in the same run: status reads (wrk vs nginx), the command path (POSTs vs
# Kafka's producers), end-to-end latency at 500/s and at a sustainable rate (vs EndToEndLatency),
# webhook fan-out (vs the sink driven directly), the rebuild of 1,000,000 events (vs
# ConsumerPerformance) and each service's heap and RSS. Writes BENCHMARKS.md. About 30 minutes on 2
# cores; --quick checks it works in a few. Builds what is needed first (BENCH_SKIP_BUILD=1 to use the
# jars as they are). Options: --help. Not part of ./mvnw verify; don't run it beside a big build.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    echo "Installing wrk and nginx ..."
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk nginx; else sudo apt-get install -y wrk nginx; fi
fi
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    echo "Building the services and the harness (first run downloads dependencies) ..."
    ./mvnw -q -B -DskipTests -pl bench -am package
fi
exec java -Xms1g -Xmx3g -Dbench.home="$PWD" -Dbench.command="bench/run-all.sh" -jar bench/target/bench.jar "$@"

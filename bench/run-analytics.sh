#!/usr/bin/env bash
# Benchmarks projection-service's analytics read model over 100,000 generated incidents: p50/p99 of
# MTTx grouped by month (and a few other queries the pages and API make), and the heap the model keeps.
# In-process, no HTTP, no broker: see bench/analytics/src/main/java/.../AnalyticsBenchmark.java. Prints a
# Markdown section to paste into BENCHMARKS.md. Builds the bench-analytics module (and projection-service,
# whose classes it runs) first; BENCH_SKIP_BUILD=1 uses the jar as it is. Options: --incidents N (100000)
# --queries N (1000) --warmup N (200) --seed N (42).
# ./mvnw verify compiles the benchmark, so a change to the read model that breaks it breaks the build; only
# this script runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    echo "Building bench/analytics ..." >&2
    ./mvnw -q -B -DskipTests -pl bench/analytics -am package >&2
fi
exec java -Xms2g -Xmx2g -XX:+UseG1GC -jar bench/analytics/target/bench-analytics.jar "$@"

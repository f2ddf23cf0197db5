#!/usr/bin/env bash
# Benchmarks projection-service's analytics read model over 100,000 generated incidents: p50/p99 of
# MTTx grouped by month (and a few other queries the pages and API make), and the heap the model keeps.
# In-process, no HTTP, no broker: see bench/analytics/src/.../AnalyticsBenchmark.java. Prints a Markdown
# section to paste into BENCHMARKS.md. Builds projection-service first (BENCH_SKIP_BUILD=1 to use the
# jar as it is). Options: --incidents N (100000) --queries N (1000) --warmup N (200) --seed N (42).
# Not part of ./mvnw verify: its source lives outside every Maven module and is compiled here.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    echo "Building projection-service ..." >&2
    ./mvnw -q -B -DskipTests -pl projection-service -am package >&2
fi
work=bench/analytics/target
rm -rf "$work"
mkdir -p "$work/app" "$work/classes"
(cd "$work/app" && jar xf ../../../../projection-service/target/projection-service.jar BOOT-INF)
classpath="$work/classes:$work/app/BOOT-INF/classes:$work/app/BOOT-INF/lib/*"
javac -d "$work/classes" -cp "$classpath" $(find bench/analytics/src -name '*.java')
exec java -Xms2g -Xmx2g -XX:+UseG1GC -cp "$classpath" org.incidentplatform.bench.analytics.AnalyticsBenchmark "$@"

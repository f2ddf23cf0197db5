#!/usr/bin/env bash
# Runs the whole incident platform on this machine: builds what is needed, then starts a real
# Kafka broker (KRaft), the schema registry and the three services. Ctrl-C stops everything;
# data stays in ./data (or $DATA_DIR). Ports: see README.md.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building (first run downloads dependencies) ..."
./mvnw -q -B -DskipTests package
exec java -Dlocalstack.home="$PWD" -jar local-stack/target/local-stack.jar

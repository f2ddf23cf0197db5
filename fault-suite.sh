#!/usr/bin/env bash
# The fault suite (ARCHITECTURE.md, Benchmarks and the fault suite): the broker restarted under load, each service killed with SIGKILL mid-work,
# the schema registry stopped, poison records, failing subscriber endpoints, and the hostile-input
# fuzz runs. Each case checks the log and the APIs afterwards; the cases that pass write what they
# measured and what held, and this script gathers those into RELIABILITY.md. About 15 minutes on
# 2 cores. The cases tagged "ci" also run in every ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")"
# --gather-only: write RELIABILITY.md from the sections already there, e.g. after running one case
# again with ./mvnw -pl local-stack -am verify -Dtest=<Case> -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
status=0
if [[ "${1:-}" != "--gather-only" ]]; then
    rm -rf local-stack/target/reliability incident-service/target/reliability notification-service/target/reliability
    ./mvnw -B -ntp -pl local-stack -am verify -Dtest.excludedGroups= -Dgroups='faults | fuzz' \
        -Dsurefire.failIfNoSpecifiedTests=false -fae || status=$?
fi

report=RELIABILITY.md
{
    echo "# Reliability"
    echo
    echo "Written by \`./fault-suite.sh\` from the cases that passed in its last run; run it again to replace"
    echo "this file. Each case does something bad to a running system (real Kafka broker in KRaft mode and the"
    echo "schema registry in the test JVM, each service its own JVM as in production), then checks what must"
    echo "hold by reading the log (\`incident-events\` and the other topics) and the services' APIs. A case"
    echo "writes its section only after its last assertion passed."
    echo
    echo "- Run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`"
    echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM," \
         "$(java -version 2>&1 | head -1)"
    echo "- Command: \`./fault-suite.sh\` (from the repository root)"
    echo
    echo "## Cases"
    echo
    for section in local-stack/target/reliability/*.md incident-service/target/reliability/*.md \
                   notification-service/target/reliability/*.md; do
        [[ -f "$section" ]] || continue
        cat "$section"
        echo
    done
    if [[ $status -ne 0 ]]; then
        echo "**This run failed** (Maven exit code $status): a case without a section above did not hold or did not"
        echo "finish; its surefire report under \`*/target/surefire-reports/\` says why."
    fi
} > "$report"
echo "Wrote $report"
exit $status

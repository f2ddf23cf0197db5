#!/usr/bin/env bash
# After a deploy: checks a running platform end to end (see SmokeCheck.java) and exits non-zero on any
# failure. Defaults to the local stack's ports; options: --incident-service URL --projection-service URL
# --notification-service URL. The admin token comes from PLATFORM_ADMIN_TOKEN, else data/access-tokens.properties.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -f local-stack/target/local-stack.jar ]]; then
    ./mvnw -q -B -DskipTests package
fi
exec java -Dloader.main=org.incidentplatform.localstack.SmokeCheck \
    -cp local-stack/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"

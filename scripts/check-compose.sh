#!/usr/bin/env bash
# No Docker engine runs here: validate docker-compose.yml against the Compose schema (dclint, offline).
set -euo pipefail
npx --no-install dclint docker-compose.yml
echo "docker-compose.yml: schema valid."

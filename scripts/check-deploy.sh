#!/usr/bin/env bash
# `check --deploy` with the production settings and placeholder values for the required variables:
# it must report no warning at all.
set -euo pipefail
output="$(
  DJANGO_SETTINGS_MODULE=config.settings.prod \
  SECRET_KEY="check-deploy-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" \
  DATABASE_URL="postgres://user:password@localhost:5432/sante_territoires" \
  ALLOWED_HOSTS="sante-territoires.example.fr" \
  SITE_URL="https://sante-territoires.example.fr" \
  CELERY_BROKER_URL="redis://localhost:6379/0" \
  .venv/bin/python manage.py check --deploy --fail-level WARNING 2>&1
)" || { echo "$output"; exit 1; }
echo "$output"

#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL and Redis on loopback, then stop them.
#   scripts/with-services.sh .venv/bin/python -m pytest
# PostgreSQL refuses to run as root: the cluster runs as the "postgres" user in a /tmp folder.
set -euo pipefail

PGPORT="${PGPORT:-54329}"
REDIS_PORT="${REDIS_PORT:-6390}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGTMP="$(mktemp -d /tmp/st-pg.XXXXXX)"
RTMP="$(mktemp -d /tmp/st-redis.XXXXXX)"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGTMP"
  RUN_AS=(runuser -u postgres --)
fi

cleanup() {
  status=$?
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$PGTMP" "$RTMP"
  exit $status
}
trap cleanup EXIT INT TERM

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 \
  -o "-h 127.0.0.1 -p $PGPORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
  --dir "$RTMP" --pidfile "$RTMP/redis.pid" --logfile "$RTMP/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$REDIS_PORT"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export REQUIRE_SERVICES=true
"$@"

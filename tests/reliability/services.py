"""Real processes for the fault and load tests: a Redis of their own (stopped and started again), a throwaway
PostgreSQL (restarted), Celery workers (SIGKILLed), gunicorn. Each is stopped by its own process id."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import skip_or_fail

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def require_postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail("the fault tests need PostgreSQL (DATABASE_URL=postgres://…)")


def pytest_database_url() -> str:
    """The URL of the database pytest-django created (test_…), for the processes a test starts."""
    params = connection.settings_dict
    return f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"


class RedisServer:
    """A redis-server on a free loopback port, without persistence: `stop()` loses the queues like a crash."""

    def __init__(self):
        if not shutil.which("redis-server"):
            skip_or_fail("redis-server is not installed")
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="st-redis-fault-")
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen([*command, "--dir", self.folder], stdout=subprocess.DEVNULL)
        wait_for(self.ping, timeout=10, what=f"redis on port {self.port}")
        return self

    def ping(self) -> bool:
        import redis

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.exceptions.ConnectionError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()  # like a crash: no shutdown, no save
            self.process.wait(10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def broker(url: str):
    """Point this process's Celery app at `url` (not eager) for the duration, then back."""
    from config.celery import app

    previous = app.conf.broker_url, app.conf.task_always_eager

    def reset_pools():
        from kombu import pools

        app._pool = None
        if "amqp" in app.__dict__:
            app.__dict__["amqp"]._producer_pool = None
        pools.reset()  # kombu keeps its connection pools in a global registry

    environment = os.environ.get("CELERY_BROKER_URL")  # Celery reads it before its own settings
    reset_pools()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    os.environ["CELERY_BROKER_URL"] = url
    try:
        yield app
    finally:
        reset_pools()
        app.conf.broker_url, app.conf.task_always_eager = previous
        if environment is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = environment


def process_env(*, broker_url: str, media: Path, mails: Path, database_url: str | None = None, **extra) -> dict:
    """The environment of a worker or server process on the test database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url or pytest_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "TEST_MEDIA_ROOT": str(media),
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mails),
        "PYTHONPATH": str(ROOT),
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


class Process:
    """A child process in its own session: `kill()` SIGKILLs it with every process it started."""

    def __init__(self, command: list[str], env: dict, log: Path):
        self.command, self.env, self.log = command, env, log
        self.process = None

    def start(self):
        env = {key: str(value) for key, value in self.env.items()}
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
                self.command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self):
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self, timeout: float = 20):
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def celery_worker(env: dict, log: Path, *, beat: bool = False, concurrency: int = 1) -> Process:
    """`celery worker` (prefork) through tests/reliability/worker_main.py, which adds the test-only hooks."""
    command = [PYTHON, "-m", "tests.reliability.worker_main", "worker", "--loglevel=INFO", "--without-mingle"]
    command += ["--without-gossip", "--pool=prefork", f"--concurrency={concurrency}", "-n", f"fault-{log.stem}@%h"]
    if beat:
        command += ["--beat", "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler"]
        command += ["--schedule", str(log.with_suffix(".beat"))]
    return Process(command, env, log).start()


def wait_worker_ready(worker: Process, timeout: float = 120):
    wait_for(lambda: "ready." in worker.output() or not worker.alive(), timeout=timeout, what="the worker to be ready")
    assert worker.alive(), worker.output()[-3000:]


def gunicorn(env: dict, log: Path, *, port: int, workers: int = 2, threads: int = 1) -> Process:
    command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", f"--workers={workers}"]
    command += [f"--threads={threads}", "--timeout=60", "--graceful-timeout=5", "--access-logfile=-"]
    return Process(command, env, log).start()


def wait_http(port: int, timeout: float = 90):
    import urllib.request

    def answers():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:  # noqa: S310
                return response.status in (200, 503)
        except OSError as error:
            return getattr(error, "code", 0) in (200, 503)

    wait_for(answers, timeout=timeout, what=f"the server on port {port}", interval=0.5)


class PostgresServer:
    """A throwaway PostgreSQL cluster (as the postgres user when run as root), restartable."""

    def __init__(self):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            skip_or_fail("PostgreSQL binaries are not installed")
        self.bin = bins[-1]
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="st-pg-fault-"))
        self.run_as = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args):
        subprocess.run(
            [*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        if not (self.folder / "data").exists():
            subprocess.run(
                [*self.run_as, str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", "postgres", "-A"]
                + ["trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c synchronous_commit=off"
        self._ctl("-l", str(self.folder / "server.log"), "-w", "-t", "30", "-o", options, "start")
        return self

    def restart(self):
        """A fast restart: every open connection is cut, like a crash of the backend processes."""
        self._ctl("-m", "fast", "-w", "-t", "30", "restart")

    def stop(self):
        with suppress(subprocess.CalledProcessError):
            self._ctl("-m", "immediate", "-w", "stop")

    def copy_database_from(self, source_url: str):
        """Copy a database (schema and rows) into this cluster's « postgres » database."""
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), "--no-owner", "--no-privileges", source_url],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(
            [str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url],
            input=dump,
            check=True,
            capture_output=True,
        )

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

"""A throwaway PostgreSQL server for the tests: Debian's binaries, a cluster in a
temporary folder, reached only through a unix socket in that folder.

PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to the
``postgres`` system user and its commands run through ``runuser``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path

BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"

# A test server keeps nothing: no durability, so that creating databases costs little.
SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "40",
    "shared_buffers": "32MB",
}


class ServerUnavailable(Exception):
    """Why no test server can be started here; the tests that need one skip with it."""


def find_binaries() -> Path:
    """The bin folder of the newest PostgreSQL installed the Debian way."""
    found = sorted(
        (path for path in BINARIES.glob("*/bin") if (path / "initdb").is_file()),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if not found or not (found[-1] / "pg_ctl").is_file():
        raise ServerUnavailable(
            f"no PostgreSQL server binaries under {BINARIES}/*/bin "
            "(install Debian's postgresql package: bash scripts/system-deps.sh as root)"
        )
    return found[-1]


@dataclass
class PostgresServer:
    """A running cluster: make databases on it, stop it at the end."""

    folder: Path
    binaries: Path
    run_as: tuple[str, ...]

    def __post_init__(self) -> None:
        self._numbers = count(1)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket(self) -> Path:
        return self.folder

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket}"

    def create_database(self) -> str:
        """A new empty database; return its name."""
        name = f"store_{next(self._numbers)}"
        self.sql(f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY FILE_COPY")
        return name

    def empty_tables(self, database: str) -> None:
        """Delete every row a test left in ``database``, keeping its schema and its steps.

        Deleting a few rows costs less than truncating; foreign keys are not
        checked meanwhile, so the order of the tables does not matter.
        """
        import psycopg

        with psycopg.connect(host=str(self.socket), user=SUPERUSER, dbname=database) as db:
            db.execute("SET LOCAL session_replication_role = replica")
            for (table,) in db.execute(
                "SELECT tablename FROM pg_tables "
                "WHERE schemaname = 'public' AND tablename <> 'schema_migrations'"
            ).fetchall():
                db.execute(f'DELETE FROM "{table}"'.encode())
            db.execute(
                "SELECT setval(sequencename::regclass, 1, false) FROM pg_sequences "
                "WHERE schemaname = 'public'"
            )

    def drop_database(self, name: str) -> None:
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction, as CREATE DATABASE needs."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket), user=SUPERUSER, dbname=database, autocommit=True
        ) as connection:
            connection.execute(statement.encode())

    def start(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.socket}'"}
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "start"
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [*self.run_as, str(self.binaries / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServerUnavailable(
                f"{program} failed ({done.returncode}): {done.stderr.strip()} {detail}".strip()
            )


def start_server() -> PostgresServer:
    """Start a cluster of its own in a new temporary folder, or say why it cannot be."""
    binaries = find_binaries()
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise ServerUnavailable("psycopg is not installed: pip install -e '.[dev]'") from exc
    run_as: tuple[str, ...] = ()
    folder = Path(tempfile.mkdtemp(prefix="quotegraph-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(SUPERUSER)
        except KeyError as exc:
            folder.rmdir()
            raise ServerUnavailable(f"running as root and there is no {SUPERUSER} user") from exc
        runuser = shutil.which("runuser")
        if runuser is None:
            folder.rmdir()
            raise ServerUnavailable("running as root and runuser is missing")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        run_as = (runuser, "-u", SUPERUSER, "--")
    server = PostgresServer(folder=folder, binaries=binaries, run_as=run_as)
    try:
        server.start()
    except ServerUnavailable:
        server.stop()
        raise
    return server

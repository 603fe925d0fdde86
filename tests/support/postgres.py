"""A throwaway PostgreSQL cluster for the tests and benchmarks: never a system service.

``initdb`` in a temporary directory, a test certificate authority and a server certificate for ``localhost`` and
127.0.0.1 made at start, TLS required (``hostssl`` only, SCRAM-SHA-256), listening on 127.0.0.1 and a Unix socket in
that directory. As root (CI), the server runs as the ``postgres`` system user the Debian package creates, since
``initdb`` and ``pg_ctl`` refuse to run as root.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SUPERUSER = "cw_superuser"


def postgres_bin_dir() -> Path | None:
    """Return the newest installed PostgreSQL (15 or later) binaries directory, or None."""
    candidates = []
    for entry in Path("/usr/lib/postgresql").glob("*/bin"):
        try:
            major = int(entry.parent.name)
        except ValueError:
            continue
        if major >= 15 and (entry / "initdb").exists():
            candidates.append((major, entry))
    if candidates:
        return max(candidates)[1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass(frozen=True)
class Authority:
    """A test certificate authority: its certificate (PEM) and the key that signs."""

    certificate_pem: bytes
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, name: str = "Autorité de test caseworker") -> Authority:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = dt.datetime.now(dt.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(certificate.public_bytes(serialization.Encoding.PEM), key, certificate)

    def issue_server_certificate(self, hosts: tuple[str, ...] = ("localhost", "127.0.0.1")) -> tuple[bytes, bytes]:
        """Return (certificate PEM, unencrypted key PEM) for a server reachable under ``hosts``."""
        key = ec.generate_private_key(ec.SECP256R1())
        names: list[x509.GeneralName] = []
        for host in hosts:
            try:
                names.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                names.append(x509.DNSName(host))
        now = dt.datetime.now(dt.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """One running throwaway cluster; :meth:`stop` removes everything it made."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.directory = Path(tempfile.mkdtemp(prefix="caseworker-pg-", dir=_base_temp_dir()))
        self.superuser_password = secrets.token_urlsafe(24)
        self.port = _free_port()
        self.authority = Authority.create()
        self.ca_file = self.directory / "ca.crt"
        self._as_root = os.geteuid() == 0
        self._started = False

    # ------------------------------------------------------------------ life cycle
    def start(self) -> PostgresCluster:
        data = self.directory / "data"
        password_file = self.directory / "superuser.pw"
        password_file.write_text(self.superuser_password + "\n", encoding="utf-8")
        self.ca_file.write_bytes(self.authority.certificate_pem)
        certificate, key = self.authority.issue_server_certificate()
        (self.directory / "server.crt").write_bytes(certificate)
        (self.directory / "server.key").write_bytes(key)
        (self.directory / "server.key").chmod(0o600)
        password_file.chmod(0o600)
        if self._as_root:
            self.directory.chmod(0o700)
            shutil.chown(self.directory, "postgres", "postgres")
            for path in self.directory.iterdir():
                shutil.chown(path, "postgres", "postgres")
        self._run(
            "initdb", "-D", str(data), "-A", "scram-sha-256", f"--pwfile={password_file}", "-U", SUPERUSER,
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        password_file.unlink()
        (data / "pg_hba.conf").write_text(
            "# Only TLS over TCP, only SCRAM; the socket is for nobody.\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )
        options = " ".join(
            (
                f"-k {self.directory}",
                "-c listen_addresses=127.0.0.1",
                f"-p {self.port}",
                "-c ssl=on",
                f"-c ssl_cert_file={self.directory / 'server.crt'}",
                f"-c ssl_key_file={self.directory / 'server.key'}",
                "-c password_encryption=scram-sha-256",
                "-c log_connections=on",  # as docs/domain.md §9.2 asks of a team server (server check says it)
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
                "-c shared_buffers=128MB",
            )
        )
        self._run("pg_ctl", "-D", str(data), "-l", str(self.directory / "log"), "-w", "-o", options, "start")
        self._started = True
        return self

    def stop(self) -> None:
        if self._started:
            self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop", check=False)
            self._started = False
        shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, program: str, *arguments: str, check: bool = True) -> None:
        command = [str(self.bin_dir / program), *arguments]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=check, capture_output=True, cwd=self.directory)

    # ------------------------------------------------------------------ connecting
    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> dict[str, str]:
        """Keyword arguments for ``psycopg.connect``: verified TLS, this cluster's CA."""
        return {
            "host": "127.0.0.1",
            "port": str(self.port),
            "dbname": dbname,
            "user": user,
            "password": self.superuser_password if password is None and user == SUPERUSER else (password or ""),
            "sslmode": "verify-full",
            "sslrootcert": str(self.ca_file),
        }

    def superuser_url(self, dbname: str = "postgres") -> str:
        """A SQLAlchemy URL for the superuser (tests only: it carries the password)."""
        return (
            f"postgresql+psycopg://{SUPERUSER}:{self.superuser_password}@127.0.0.1:{self.port}/{dbname}"
            f"?sslmode=verify-full&sslrootcert={self.ca_file}"
        )


def _base_temp_dir() -> str:
    # The postgres user must be able to reach the directory: /tmp, not a test's redirected TMPDIR under a private home.
    return "/tmp"


def start_cluster() -> PostgresCluster | None:
    """Start a throwaway cluster, or return None when PostgreSQL is not installed."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        return None
    return PostgresCluster(bin_dir).start()

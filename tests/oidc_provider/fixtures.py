"""Start the tests' OpenID Connect provider as a subprocess on loopback, and stop it after.

    provider = start_provider(tmp_path, users=[...], clients=[...])
    provider.issuer  # http://127.0.0.1:<port>/o
    provider.stop()

`start_provider` returns once the provider's /.well-known/openid-configuration answers.
"""

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
_STARTUP_ATTEMPTS = 600  # of 0.1 s each: migrating the provider's SQLite database takes a few seconds


@dataclass
class Provider:
    process: subprocess.Popen
    base_url: str
    spec: dict

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/o"

    def discovery(self) -> dict:
        response = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10)
        response.raise_for_status()
        return response.json()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_provider(directory: Path, **spec: object) -> Provider:
    directory.mkdir(parents=True, exist_ok=True)
    log = (directory / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", json.dumps(spec), str(directory)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    match = re.fullmatch(r"PORT (\d+)\n", line)
    if match is None:
        process.kill()
        process.wait()
        log.close()
        raise RuntimeError(f"the OIDC provider did not start: {(directory / 'provider.log').read_text()}")
    provider = Provider(process=process, base_url=f"http://127.0.0.1:{match.group(1)}", spec=dict(spec))
    _wait_for_discovery(provider)
    return provider


def _wait_for_discovery(provider: Provider) -> None:
    import time

    for _ in range(_STARTUP_ATTEMPTS):
        if provider.process.poll() is not None:
            raise RuntimeError("the OIDC provider stopped while starting")
        try:
            provider.discovery()
        except requests.RequestException:
            time.sleep(0.1)
        else:
            return
    provider.stop()
    raise RuntimeError("the OIDC provider's discovery document never answered")

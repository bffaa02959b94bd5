"""The README's configuration table names every environment variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_is_documented():
    code = (ROOT / "cxmaturity" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|database)\(\s*"([A-Z_]+)"', code))
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z_]+)`", readme))
    assert read - documented == set()
    assert {"TRUSTED_PROXY_COUNT", "CXM_ALLOW_DEV_SECRET", "CXM_MANIFEST_STATIC"} <= read

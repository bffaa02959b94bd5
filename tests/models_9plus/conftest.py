from pathlib import Path

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "models_9plus" / "data"
NINEPLUS_PATH = DATA_DIR / "nineplus.yaml"  # the current content (version 2.1 of the 9+ model)
NINEPLUS_V1_PATH = DATA_DIR / "history" / "nineplus-v1.yaml"  # version 1, kept so it stays loadable
NINEPLUS_V2_PATH = DATA_DIR / "history" / "nineplus-v2.yaml"  # version 2, kept so it stays loadable


def read_nineplus(path=NINEPLUS_PATH):
    """A fresh parsed copy of a shipped model file (tests mutate it freely)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_nineplus_v1():
    return read_nineplus(NINEPLUS_V1_PATH)


def read_nineplus_v2():
    return read_nineplus(NINEPLUS_V2_PATH)


@pytest.fixture
def nineplus_data():
    return read_nineplus()


@pytest.fixture
def nineplus_v1_data():
    return read_nineplus_v1()


@pytest.fixture
def nineplus_v2_data():
    return read_nineplus_v2()


@pytest.fixture
def write_model_file(tmp_path):
    """write_model_file(data_or_text, name=...) -> path of a model file in a temporary folder."""

    def write(content, name="model.yaml"):
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write

from pathlib import Path

import pytest
import yaml

NINEPLUS_PATH = Path(__file__).resolve().parents[2] / "models_9plus" / "data" / "nineplus.yaml"


def read_nineplus():
    """A fresh parsed copy of the shipped model file (tests mutate it freely)."""
    return yaml.safe_load(NINEPLUS_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def nineplus_data():
    return read_nineplus()


@pytest.fixture
def write_model_file(tmp_path):
    """write_model_file(data_or_text, name=...) -> path of a model file in a temporary folder."""

    def write(content, name="model.yaml"):
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write

"""`manage.py render_report ID --output FILE.pdf [--language nl|en]`."""

import uuid

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org_a, model_version):
    return factories.make_assessment(organisation=org_a, model_version=model_version, title="Scan 2026")


def test_renders_a_real_pdf_to_the_file(scenario, tmp_path, capsys):
    target = tmp_path / "report.pdf"
    call_command("render_report", str(scenario.assessment.public_id), output=str(target), language="en")
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # no temporary file left behind
    assert f"Wrote {target}" in capsys.readouterr().out


def test_default_language_is_the_organisations(assessment, tmp_path, fake_pdf):
    assessment.organisation.default_language = "nl"
    assessment.organisation.save()
    call_command("render_report", str(assessment.public_id), output=str(tmp_path / "r.pdf"))
    assert fake_pdf == [(assessment.public_id, "nl")]


def test_overwrites_an_existing_file_atomically(assessment, tmp_path, fake_pdf):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    call_command("render_report", str(assessment.public_id), "--output", str(target), "--language", "en")
    assert target.read_bytes() == b"%PDF-1.7 fake report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]


def test_unknown_assessment(tmp_path):
    missing = uuid.uuid4()
    with pytest.raises(CommandError, match=f"No assessment with id {missing}"):
        call_command("render_report", str(missing), output=str(tmp_path / "r.pdf"))
    with pytest.raises(CommandError, match="is not an assessment id"):
        call_command("render_report", "42", output=str(tmp_path / "r.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_bad_language(assessment, tmp_path, fake_pdf):
    with pytest.raises(CommandError, match="Unknown language 'de'; use one of: nl, en"):
        call_command("render_report", str(assessment.public_id), output=str(tmp_path / "r.pdf"), language="de")
    assert fake_pdf == []


def test_unwritable_paths(assessment, tmp_path, fake_pdf):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("render_report", str(assessment.public_id), output=str(tmp_path / "missing" / "r.pdf"))
    with pytest.raises(CommandError, match="is a directory"):
        call_command("render_report", str(assessment.public_id), output=str(tmp_path))
    assert fake_pdf == []


def test_missing_chromium_is_a_clear_command_error(scenario, tmp_path, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(CommandError, match="apt-get install chromium"):
        call_command("render_report", str(scenario.assessment.public_id), output=str(tmp_path / "r.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_an_assessment_without_responses_still_gets_a_report_without_charts(assessment, tmp_path, settings):
    # Nothing to draw, so no browser is needed at all.
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    target = tmp_path / "empty.pdf"
    call_command("render_report", str(assessment.public_id), output=str(target), language="en")
    reader = PdfReader(target)
    pages = [page.extract_text() for page in reader.pages]
    # Cover, summary with the factors that will be measured, method (two pages): no page of notices only.
    assert len(pages) == 4
    assert "No overall score yet" in pages[1]
    assert all(f"Factor {i}" in pages[1] for i in (1, 2, 3))
    assert "Method and privacy" in pages[2]

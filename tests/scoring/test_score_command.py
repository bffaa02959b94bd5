from io import StringIO

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["42", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_or_malformed_id(bad):
    with pytest.raises(CommandError):
        call_command("score_assessment", bad, stdout=StringIO())


def test_below_threshold_prints_only_counts(make_scan):
    assessment = make_scan(sizes={("sales", "board"): 3})
    out = StringIO()
    call_command("score_assessment", str(assessment.public_id), stdout=out)
    text = out.getvalue()
    assert "Respondents: 3   Maturity index: —" in text
    assert "Acme Care (3)                            hidden: fewer than 5 respondents" in text

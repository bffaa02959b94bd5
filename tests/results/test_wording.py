"""The shared words: reasons, strengths and units say the same thing in every output."""

from types import SimpleNamespace

from django.utils import translation

from assessments.results import wording


def _result(scores):
    factors = [SimpleNamespace(factor_code=f"f{i}", score=s) for i, s in enumerate(scores, start=1)]
    return SimpleNamespace(organisation=SimpleNamespace(factors=factors))


def test_a_strength_needs_the_stated_bar():
    # 50-51 ("grade 5.5") is no strength beside a real one.
    assert wording.strength_codes(_result([50, 51, 72, None])) == ["f3"]
    assert wording.strength_codes(_result([59.9, 40])) == []
    assert wording.strength_codes(_result([60, 90, 61, 75])) == ["f2", "f4", "f3"]


def test_the_bar_is_stated_in_both_languages():
    with translation.override("en"):
        assert wording.strengths_rule() == "A strength is a factor scoring at least 60 out of 100."
        assert wording.no_strengths_text() == "No factor reaches 60 out of 100 yet, so none is called a strength."
    with translation.override("nl"):
        assert wording.strengths_rule() == "Een sterk punt is een factor die minstens 60 van de 100 scoort."


def test_one_wording_per_reason():
    with translation.override("en"):
        assert wording.reason_text("threshold", threshold=5) == "hidden: fewer than 5 respondents"
        assert wording.reason_text("differencing", threshold=5) == "hidden to prevent subtraction"
        assert wording.reason_explanation("differencing", threshold=5).startswith("Hidden to prevent subtraction:")
    with translation.override("nl"):
        assert wording.reason_text("differencing", threshold=5) == "verborgen om terugrekenen te voorkomen"

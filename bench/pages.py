"""The answers of one questionnaire page as static/js/respond.js posts them (no Django: locust imports it)."""


def page_fields(page, rng, *, current=None, ambition=None):
    """A full page of answers: random values unless given.

    page: {"codes": [statement codes], "factor_ambition": "fa-<factor code>" or None} (see
    bench/data.py statement_codes_by_step). Per-factor models (v2) ask the ambition once for the factor.
    """
    fields = {}
    for code in page["codes"]:
        fields[f"c-{code}"] = str(rng.randint(0, 5) if current is None else current)
        if not page["factor_ambition"]:
            fields[f"a-{code}"] = str(rng.randint(1, 5) if ambition is None else ambition)
    if page["factor_ambition"]:
        fields[page["factor_ambition"]] = str(rng.randint(1, 5) if ambition is None else ambition)
    return fields

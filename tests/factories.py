"""Small, explicit builders for test data (no magic, keyword arguments only)."""

import itertools
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from assessments.organisations.models import Membership, Organisation, Role, Team
from assessments.questionnaire.models import Assessment
from models_9plus.models import (
    Advice,
    Factor,
    FactorLevelText,
    Level,
    MaturityModel,
    ModelVersion,
    ScaleOption,
    Statement,
)

_seq = itertools.count(1)

DEFAULT_PASSWORD = "correct-horse-battery-staple"


def make_user(*, email=None, password=DEFAULT_PASSWORD, verified=True, **extra):
    email = email or f"user{next(_seq)}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=password, **extra)
    if verified:  # as an invitation or a confirmed sign-up leaves it
        EmailAddress.objects.create(user=user, email=email.lower(), verified=True, primary=True)
    return user


def make_organisation(*, name=None, **extra):
    return Organisation.objects.create(name=name or f"Organisation {next(_seq)}", **extra)


def add_member(*, user, organisation, role):
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def make_team(*, organisation, name=None, parent=None):
    return Team.objects.create(organisation=organisation, name=name or f"Team {next(_seq)}", parent=parent)


def make_role(*, organisation, name="Front office", is_management=False, order=0):
    return Role.objects.create(
        organisation=organisation, name_en=name, name_nl=name, is_management=is_management, order=order
    )


def make_model_version(
    *,
    code="testmodel",
    factors=3,
    statements=4,
    levels=4,
    weights=None,
    reverse=(),
    per_factor=False,
    tags=None,
    gaps=None,
    audiences=None,
):
    """A small complete model version: scale 1..5, `levels` levels, advice everywhere.

    weights: optional {statement_code: weight}; reverse: statement codes that are reverse-scored.
    Statement codes are f"f{i}s{j}" and factor codes f"f{i}" (1-based).
    per_factor: a version 2 style model (ambition once per factor, level texts per factor);
    tags / gaps / audiences: optional {statement_code: "basis" | "nine_plus"}, {code: SERVQUAL gap},
    {code: ["management"]}; with per_factor, untagged statements alternate basis/nine_plus and cycle the gaps.
    """
    weights = weights or {}
    tags, gaps, audiences = tags or {}, gaps or {}, audiences or {}
    model, _ = MaturityModel.objects.get_or_create(code=code, defaults={"name_en": code, "name_nl": code})
    number = (model.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ModelVersion.objects.create(
        model=model,
        number=number,
        content_hash=secrets.token_hex(32),
        name_en=f"{code} model",
        name_nl=f"{code} model (nl)",
        description_en="A test model.",
        description_nl="Een testmodel.",
        attribution_en="Test attribution.",
        attribution_nl="Testvermelding.",
        dont_know_label_en="Don't know",
        dont_know_label_nl="Weet ik niet",
        ambition_mode="per_factor" if per_factor else "per_statement",
    )
    labels = ["Not in place", "Ad hoc", "Repeatable", "Systematic", "Embedded"]
    for value, label in enumerate(labels, start=1):
        ScaleOption.objects.create(version=version, value=value, label_en=label, label_nl=f"{label} (nl)")
    level_objs = []
    thresholds = [0, 35, 60, 80, 90][:levels]
    for i, threshold in enumerate(thresholds):
        level_objs.append(
            Level.objects.create(
                version=version,
                code=f"level{i + 1}",
                order=i,
                name_en=f"Level {i + 1}",
                name_nl=f"Niveau {i + 1}",
                description_en=f"Description of level {i + 1}.",
                description_nl=f"Beschrijving van niveau {i + 1}.",
                min_score=threshold,
            )
        )
    for i in range(1, factors + 1):
        factor = Factor.objects.create(
            version=version,
            code=f"f{i}",
            order=i,
            name_en=f"Factor {i}",
            name_nl=f"Factor {i} (nl)",
            description_en=f"About factor {i}.",
            description_nl=f"Over factor {i}.",
            ambition_en=f"Where should factor {i} be in twelve months?" if per_factor else "",
            ambition_nl=f"Waar moet factor {i} over twaalf maanden staan?" if per_factor else "",
        )
        gap_cycle = ["knowledge", "standards", "delivery", "communication"]
        for j in range(1, statements + 1):
            scode = f"f{i}s{j}"
            Statement.objects.create(
                factor=factor,
                code=scode,
                order=j,
                text_en=f"Statement {scode}.",
                text_nl=f"Stelling {scode}.",
                weight=weights.get(scode, 1),
                reverse=scode in reverse,
                tag=tags.get(scode, ("basis" if j % 2 else "nine_plus") if per_factor else ""),
                servqual_gap=gaps.get(scode, gap_cycle[(j - 1) % 4] if per_factor else ""),
                audience=list(audiences.get(scode, [])),
            )
        if per_factor:
            for level in level_objs:
                FactorLevelText.objects.create(
                    factor=factor,
                    level=level,
                    text_en=f"Factor {i} at level {level.order + 1}.",
                    text_nl=f"Factor {i} op niveau {level.order + 1}.",
                )
        for level in level_objs:
            Advice.objects.create(
                factor=factor,
                level=level,
                actions_en=[f"Do {i}.{level.order}a", f"Do {i}.{level.order}b"],
                actions_nl=[f"Doe {i}.{level.order}a", f"Doe {i}.{level.order}b"],
            )
    return version


def make_assessment(*, organisation, model_version, teams=(), roles=(), status="open", **extra):
    defaults = {
        "title": f"Scan {next(_seq)}",
        "languages": ["nl", "en"],
        "threshold_scores": 5,
        "threshold_comments": 5,
        "threshold_spread": 5,
    }
    defaults.update(extra)
    assessment = Assessment.objects.create(
        organisation=organisation, model_version=model_version, status=status, **defaults
    )
    if teams:
        assessment.teams.set(teams)
    if roles:
        assessment.roles.set(roles)
    return assessment


def make_responses(
    *, assessment, answers, team=None, role=None, submitted=True, comments=None, language="nl", factor_ambitions=None
):
    """Bulk-create one Response per item of `answers` (a handful of queries, whatever the count).

    answers: a list of {statement_code: current} or {statement_code: (current, ambition)} dicts;
    a code left out means no Answer row, None means a NULL value, 0 means "don't know".
    comments: optional list parallel to `answers` of {factor_code: text}.
    factor_ambitions: optional list parallel to `answers` of {factor_code: value} (per-factor models).
    """
    import hashlib

    from django.utils import timezone

    from assessments.questionnaire.models import Answer, Comment, Response

    statements = dict(Statement.objects.filter(factor__version=assessment.model_version_id).values_list("code", "id"))
    factors = dict(Factor.objects.filter(version=assessment.model_version_id).values_list("code", "id"))
    now = timezone.now() if submitted else None
    responses = Response.objects.bulk_create(
        [
            Response(
                assessment=assessment,
                team=team,
                role=role,
                language=language,
                access_key_hash=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
                submitted_at=now,
            )
            for _ in answers
        ]
    )
    rows = []
    for response, given in zip(responses, answers, strict=True):
        for code, value in given.items():
            current, ambition = value if isinstance(value, tuple) else (value, None)
            rows.append(Answer(response=response, statement_id=statements[code], current=current, ambition=ambition))
    Answer.objects.bulk_create(rows, batch_size=5000)
    if factor_ambitions:
        from assessments.questionnaire.models import FactorAmbition

        FactorAmbition.objects.bulk_create(
            [
                FactorAmbition(response=response, factor_id=factors[code], value=value)
                for response, given in zip(responses, factor_ambitions, strict=False)
                for code, value in given.items()
            ]
        )
    if submitted:
        # The stored sums scoring reads, as the real submit writes them.
        from assessments.questionnaire.services.response_sums import refresh_response_sums

        refresh_response_sums(response_ids=[r.pk for r in responses])
    if comments:
        Comment.objects.bulk_create(
            [
                Comment(response=response, factor_id=factors[code], text=text)
                for response, texts in zip(responses, comments, strict=False)
                for code, text in texts.items()
            ]
        )
    return responses


def make_random_responses(*, assessment, count, team=None, role=None, seed=0, dont_know=0.05, ambition=True):
    """`count` submitted responses with random answers to every statement (bulk; for volume and benchmarks)."""
    import random

    rng = random.Random(seed)
    codes = list(Statement.objects.filter(factor__version=assessment.model_version_id).values_list("code", flat=True))

    def value():
        return 0 if rng.random() < dont_know else rng.randint(1, 5)

    answers = [{code: (value(), rng.randint(1, 5) if ambition else None) for code in codes} for _ in range(count)]
    return make_responses(assessment=assessment, answers=answers, team=team, role=role)

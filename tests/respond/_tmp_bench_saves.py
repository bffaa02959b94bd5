import json, time, statistics
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from tests import factories
from tests.respond.builders import make_survey
from assessments.models import Answer, Comment
from assessments.services import responses as svc
from assessments.selectors import questionnaire as sel
from assessments.views import respond as view

pytestmark = pytest.mark.django_db(transaction=True)


def old_save_answers(*, response, step, answers, comments, base_version, resume_step=None):
    with transaction.atomic():
        locked = svc._lock(response)
        if locked.submitted_at is not None:
            raise svc.AlreadySubmitted
        svc._check_open(locked.assessment)
        if base_version != locked.version:
            raise svc.VersionConflict(locked.version)
        existing = {a.statement_id: a for a in Answer.objects.filter(response=locked, statement_id__in=answers.keys())}
        to_create, to_update = [], []
        for statement_id, values in answers.items():
            answer = existing.get(statement_id)
            if answer is None:
                to_create.append(Answer(response=locked, statement_id=statement_id, **values))
                continue
            if any(getattr(answer, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(answer, key, value)
                to_update.append(answer)
        Answer.objects.bulk_create(to_create)
        if to_update:
            Answer.objects.bulk_update(to_update, ["current", "ambition"])
        for factor_id, text in comments.items():
            if text:
                Comment.objects.update_or_create(response=locked, factor_id=factor_id, defaults={"text": text})
            else:
                Comment.objects.filter(response=locked, factor_id=factor_id).delete()
        locked.version += 1
        locked.last_step = resume_step or step
        locked.save(update_fields=["version", "last_step", "updated_at"])
    return locked


NEW = (svc.save_answers, sel.save_questionnaire_for)


def use(mode, monkeypatch):
    if mode == "old":
        monkeypatch.setattr(svc, "save_answers", old_save_answers)
        monkeypatch.setattr(view, "save_questionnaire_for", sel.questionnaire_for)
    else:
        monkeypatch.setattr(svc, "save_answers", NEW[0])
        monkeypatch.setattr(view, "save_questionnaire_for", NEW[1])


def run(client, v, n0, count):
    times = []
    for n in range(n0, n0 + count):
        step = n % 7 + 1
        fields = {f"c-f{step}s{i}": str((n + i) % 5 + 1) for i in range(1, 6)} | {f"a-f{step}s{i}": str((n + i) % 4 + 1) for i in range(1, 6)}
        body = json.dumps({"step": step, "version": v, "fields": fields})
        t = time.perf_counter()
        r = client.post("/r/save/", body, content_type="application/json")
        times.append(time.perf_counter() - t)
        assert r.status_code == 200, r.content
        v = r.json()["version"]
    return v, times


def test_bench(org_a, client, monkeypatch):
    version = factories.make_model_version(code="bench", factors=7, statements=5)
    survey = make_survey(organisation=org_a, model_version=version, ask_ambition=True)
    client.get(survey.link)
    client.post("/r/start/")
    res = {"old": [], "new": []}
    counts = {}
    v = 0
    for mode in ("old", "new"):
        use(mode, monkeypatch)
        v, _ = run(client, v, 0, 30)  # warm-up
    for rnd in range(10):
        for mode in ("old", "new") if rnd % 2 == 0 else ("new", "old"):
            use(mode, monkeypatch)
            v, times = run(client, v, rnd * 50, 50)
            res[mode] += times
    for mode in ("old", "new"):
        use(mode, monkeypatch)
        with CaptureQueriesContext(connection) as c:
            v, _ = run(client, v, 3, 1)
        counts[mode] = len(c)
    for mode, times in res.items():
        times = sorted(times)
        print(f"\n{mode}: DB={connection.vendor} saves={len(times)} total={sum(times):.2f}s mean={statistics.mean(times)*1000:.2f}ms p50={times[len(times)//2]*1000:.2f}ms p95={times[int(len(times)*0.95)]*1000:.2f}ms rate={len(times)/sum(times):.0f}/s queries={counts[mode]}")

from tests import factories


def test_smoke(org_a, manager_a, client_for, model_version):
    t1 = factories.make_team(organisation=org_a, name="Sales")
    t2 = factories.make_team(organisation=org_a, name="Service")
    t3 = factories.make_team(organisation=org_a, name="Service NL", parent=t2)
    r1 = factories.make_role(organisation=org_a, name="Board", is_management=True)
    r2 = factories.make_role(organisation=org_a, name="Front office")
    a = factories.make_assessment(organisation=org_a, model_version=model_version, teams=[t1, t2, t3], roles=[r1, r2])
    factories.make_random_responses(assessment=a, count=12, team=t1, role=r1, seed=1)
    factories.make_random_responses(assessment=a, count=7, team=t3, role=r2, seed=2)
    factories.make_random_responses(assessment=a, count=3, team=t2, role=r2, seed=3)
    c = client_for(manager_a)
    r = c.get(f"/a/{a.public_id}/results/")
    assert r.status_code == 200, r.content[:3000]
    for kind in ("scores", "answers"):
        for fmt in ("csv", "xlsx"):
            r = c.get(f"/a/{a.public_id}/results/export/{kind}.{fmt}")
            assert r.status_code == 200
            body = b"".join(r.streaming_content) if r.streaming else r.content
            if fmt == "csv":
                print(body.decode()[:1500])
    assert c.get("/how-we-score/").status_code == 200

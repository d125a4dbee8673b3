import json


def test_healthz_reports_the_database(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_fails(db, client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise RuntimeError("database down")

    monkeypatch.setattr("core.views.connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503 and json.loads(response.content)["database"] == "error"

"""The Django admin's forms render under the project's form renderer (Jinja2 with a fallback to Django's engine
for the admin's own widget templates): every registered model's "add" page answers 200 or refuses (403)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client


def test_every_admin_add_page_renders(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    statuses = {}
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
        statuses[url] = client.get(url).status_code
    assert {url: status for url, status in statuses.items() if status not in (200, 403)} == {}
    assert statuses["/admin/organisation/implementazione/add/"] == 200

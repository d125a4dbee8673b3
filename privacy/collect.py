"""Everything Trama holds about a family, found by following the relations (as a deletion would)."""

from collections import defaultdict

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.db import models

from families.models import Family

# Technical fields that say nothing about the family.
SKIP_FIELDS = {"creation_token", "version", "token_hash", "hash", "prev_hash"}


def related_objects(family: Family) -> dict[type[models.Model], list[models.Model]]:
    """The family and every record that hangs off it (cascading relations), by model."""
    collector = NestedObjects(using="default")
    collector.collect([family])
    found: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for model, instances in collector.data.items():
        found[model].extend(sorted(instances, key=lambda o: o.pk))
    # Records that point to the family without cascading (they stay if the family is erased).
    for rel in Family._meta.related_objects:
        if rel.on_delete is models.SET_NULL and rel.related_model not in found:
            rows = list(rel.related_model.objects.filter(**{rel.field.name: family}).order_by("pk"))
            if rows:
                found[rel.related_model].extend(rows)
    return found


def as_rows(instances: list[models.Model]) -> list[dict]:
    rows = []
    for item in serializers.serialize("python", instances):
        fields = {k: v for k, v in item["fields"].items() if k not in SKIP_FIELDS}
        rows.append({"id": item["pk"], **fields})
    return rows

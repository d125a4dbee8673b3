"""One audit hash chain per ambito, instead of one for the whole installation.

Existing entries are not re-linked: they keep, untouched, the single chain they were written in, which
becomes the "legacy" chain (key NULL, both on the entries and on its head, the ChainHead row that existed).
It verifies exactly as before: same entries, same order, same hashes, same head; nothing is appended to
it any more. New entries go to the chain of their ambito (or to the chain of the entries with no ambito),
each starting from the genesis hash.

Why not re-link the existing entries into per-ambito chains: that would rewrite the hash of every entry
already written. The log is append-only and its hashes are its evidence; recomputing them would also
re-seal, as if intact, any entry altered before the migration (the old chain would no longer exist to
show it), and would void any copy of the old head's hash kept elsewhere. Keeping the old chain frozen
costs nothing and loses nothing.

The new columns are nullable with no default: adding them rewrites no row (on PostgreSQL it is a change
of the catalogue only), and NULL, "no chain recorded", is what marks an entry of the old chain. A backup
made before this migration restores the same way: its entries and its head have no `chain` and load as
the legacy chain.

A new database (no entries yet) gets no legacy chain: its empty head is removed. A legacy head whose
entries are missing is kept, so that `audit_verify` keeps reporting them.

The single head was always written with an explicit id (1), which never moved the table's sequence on
PostgreSQL: it is reset here, or the first head of an ambito would be given id 1 again.
"""

from django.core.management.color import no_style
from django.db import migrations, models


def freeze_the_single_chain(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ChainHead = apps.get_model("audit", "ChainHead")
    if not AuditEntry.objects.filter(chain__isnull=True).exists():
        ChainHead.objects.filter(chain__isnull=True, count=0, last_hash="").delete()
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [ChainHead]):
            cursor.execute(sql)


def back_to_the_single_chain(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ChainHead = apps.get_model("audit", "ChainHead")
    if AuditEntry.objects.filter(chain__isnull=False).exists():
        raise RuntimeError(
            "Audit entries were written in the per-ambito chains: going back to a single chain would mean "
            "re-linking them, rewriting their hashes, which an append-only log must not do.")
    ChainHead.objects.filter(chain__isnull=False).delete()  # empty: no entry is in their chains


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_lean_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditentry',
            name='chain',
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='chainhead',
            name='chain',
            field=models.BigIntegerField(null=True, unique=True),
        ),
        migrations.RunPython(freeze_the_single_chain, back_to_the_single_chain),
    ]

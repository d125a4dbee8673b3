"""Delete finished exports (and their files) older than EXPORT_RETENTION_DAYS. Schedule it daily."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from exports.models import ExportJob


class Command(BaseCommand):
    help = "Cancella le esportazioni più vecchie del periodo di conservazione (EXPORT_RETENTION_DAYS)."

    def handle(self, *args, **options):
        limit = timezone.now() - timedelta(days=settings.EXPORT_RETENTION_DAYS)
        old = ExportJob.objects.filter(created_at__lt=limit)
        count = 0
        for job in old.iterator():
            if job.file:
                job.file.delete(save=False)
            job.delete()
            count += 1
        self.stdout.write(f"Esportazioni cancellate: {count}")

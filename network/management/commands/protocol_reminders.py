"""Remind the RT and the tutor of each ambito of the protocols that expire soon (run it daily from cron)."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Protocol
from network.policies import NETWORK_MANAGERS
from network.selectors import EXPIRY_WARNING_DAYS, protocols_expiring
from organisation.models import Ambito, Membership


class Command(BaseCommand):
    help = "Print (and with --email send to the RT and the tutor) the protocols expiring within --days days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=EXPIRY_WARNING_DAYS)
        parser.add_argument("--email", action="store_true", help="also e-mail the RT and the tutor of the ambito")

    def handle(self, *args, days: int, email: bool, **options):
        today = timezone.localdate()
        ambito_ids = Protocol.objects.values_list("ambito_id", flat=True).distinct()
        sent = 0
        for ambito in Ambito.objects.filter(pk__in=ambito_ids).order_by("nome"):
            expiring = list(protocols_expiring(ambito_ids=[ambito.pk], today=today, days=days))
            if not expiring:
                continue
            lines = [_("%(titolo)s: scade il %(data)s") % {"titolo": p.titolo, "data": p.scadenza.strftime("%d/%m/%Y")}
                     for p in expiring]
            self.stdout.write(f"{ambito.nome}:")
            for line in lines:
                self.stdout.write(f"  {line}")
            if email:
                recipients = sorted(set(
                    Membership.objects.filter(ambito=ambito, role__in=NETWORK_MANAGERS, active=True)
                    .exclude(user__email="").values_list("user__email", flat=True)))
                if recipients:
                    send_mail(_("Trama: protocolli in scadenza (%(ambito)s)") % {"ambito": ambito.nome},
                              _("Questi protocolli scadono nei prossimi %(n)s giorni:") % {"n": days} + "\n\n"
                              + "\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients)
                    sent += 1
        if email:
            self.stdout.write(_("E-mail inviate: %(n)s") % {"n": sent})

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: staff of the ambito and its partners, volunteers, family members.

    What they may do comes from their memberships (organisation.Membership), never from here.
    """

    # Mixed into the session's authentication hash: changing it ends every session of the user
    # ("Esci da tutti i dispositivi", accounts.services.log_out_everywhere).
    session_salt = models.CharField(_("sale delle sessioni"), max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        if not self.session_salt:
            return super()._get_session_auth_hash(secret=secret)  # sessions made before the field survive
        key_salt = "accounts.User.get_session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.session_salt}", secret=secret,
                           algorithm="sha256").hexdigest()

"""How family members prove who they are: pluggable, so that SPID/CIE can join the password later.

Today a member logs in with the username shown when they opened their account and the password they chose
(django.contrib.auth's ModelBackend, the same as the staff). A SPID or CIE login would be another Django
authentication backend in settings.AUTHENTICATION_BACKENDS whose ``authenticate(request, **credentials)``
receives the identity provider's verified assertion and returns the ``User`` linked to the ``Person`` whose
codice fiscale matches (``Person.objects.get(codice_fiscale=..., user__isnull=False).user``), or None.
The portal's views only rely on ``django.contrib.auth.login`` and on ``families.Person.user``: nothing else
changes. ``LOGIN_METHODS`` lists what the portal's login page offers.
"""

from django.utils.translation import gettext_lazy as _

# (code, label, url name): the login page shows one entry per method; SPID/CIE will add their own.
LOGIN_METHODS = [("password", _("Nome utente e password"), "portal_login")]

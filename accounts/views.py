"""Account pages: login, two-factor enrolment and verification, "Il mio account", password change
and reset, log out everywhere."""

from base64 import b32encode

import segno
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice

from . import policies, services
from .forms import CodeForm, EnrolForm, LoginForm
from .security import address_locked_out


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(require_2fa=settings.TRAMA_REQUIRE_2FA, **kwargs)


def _next_url(request, default: str = "dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse(default)


@never_cache
@login_required
def two_factor_verify(request):
    """The second step of the login: a code from the app, or a single-use recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not services.has_two_factor(request.user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, services.normalise_code(form.cleaned_data["codice"]))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = services.recovery_codes_left(request.user)
                messages.warning(request, _("Hai usato un codice di recupero: te ne restano %(n)d. Puoi generarne "
                                            "di nuovi dalla pagina Il mio account.") % {"n": left})
            return redirect(_next_url(request))
        form.add_error("codice", _("Codice non valido o scaduto. Controlla che l'ora del telefono sia giusta e "
                                   "riprova, oppure usa uno dei codici di recupero."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(data: str) -> str:
    # Inline SVG made here (segno): the secret never leaves the server for a QR service.
    return segno.make(data, error="m").svg_inline(scale=5, dark="#17324d", light="#ffffff")


@never_cache
@login_required
def two_factor_setup(request):
    """Enrol an authenticator app (TOTP): a QR code, then one code to prove it works; then the
    recovery codes, shown once. Replacing the phone needs the current second factor first."""
    user = request.user
    if services.has_two_factor(user) and not user.is_verified():
        return redirect(reverse("two_factor_verify") + "?next=" + reverse("two_factor_setup"))
    device = services.pending_totp_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(user=user, device=device, code=form.cleaned_data["codice"])
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "enrolled": True,
                                                                    "next": _next_url(request)})
        form.add_error("codice", _("Il codice non corrisponde. Controlla che l'ora del telefono sia giusta e "
                                   "scrivi le sei cifre che l'app mostra adesso."))
    secret = b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_svg": _qr_svg(device.config_url),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "replacing": services.has_two_factor(user), "next": _next_url(request),
    })


@never_cache
@login_required
@require_POST
def two_factor_recovery_codes(request):
    """New recovery codes (the old ones stop working), for a user who verified with their second factor."""
    if not policies.can_renew_recovery_codes(request.user):
        messages.error(request, _("Attiva prima la verifica in due passaggi."))
        return redirect("account")
    codes = services.new_recovery_codes(user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "enrolled": False,
                                                            "next": reverse("account")})


@never_cache
@login_required
def account(request):
    user = request.user
    return render(request, "accounts/account.html", {
        "has_two_factor": services.has_two_factor(user),
        "verified": user.is_verified(),
        "codes_left": services.recovery_codes_left(user),
        "needs_two_factor": policies.needs_two_factor(user),
        "require_2fa": settings.TRAMA_REQUIRE_2FA,
        "idle_minutes": settings.TRAMA_SESSION_IDLE_MINUTES,
    })


@login_required
@require_POST
def logout_everywhere(request):
    services.log_out_everywhere(request)
    messages.success(request, _("Sei uscito da Trama su tutti i dispositivi, compreso questo. Accedi di nuovo "
                                "per continuare."))
    return redirect("login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Password cambiata. Le altre sessioni aperte con la vecchia password "
                                         "sono state chiuse."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password lifts a lock-out caused by the forgotten one.
        axes_reset(username=form.user.get_username())
        return response


password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html")



def locked_out(request, response=None, credentials=None):
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE): HTTP 429, in Italian."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html",
                  {"cooloff_minutes": minutes, "address": address_locked_out(request)}, status=429)

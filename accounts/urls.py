from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("accesso/", views.LoginView.as_view(), name="login"),
    path("uscita/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("esci-ovunque/", views.logout_everywhere, name="logout_everywhere"),
    path("verifica/", views.two_factor_verify, name="two_factor_verify"),
    path("verifica-in-due-passaggi/", views.two_factor_setup, name="two_factor_setup"),
    path("codici-di-recupero/", views.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-dimenticata/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-dimenticata/inviata/", views.password_reset_done, name="password_reset_done"),
    path("reimposta/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reimposta/fatto/", views.password_reset_complete, name="password_reset_complete"),
]

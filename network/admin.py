from django.contrib import admin

from .models import Protocol, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """The directory is configuration data (no personal data): superusers may fix it here."""

    list_display = ("nome", "area", "tipologia", "ambito", "comune", "attivo")
    list_filter = ("ambito", "area", "attivo")
    search_fields = ("nome", "ente_testo")


@admin.register(Protocol)
class ProtocolAdmin(admin.ModelAdmin):
    list_display = ("titolo", "ambito", "firmato_il", "scadenza")
    list_filter = ("ambito",)
    exclude = ("documento",)

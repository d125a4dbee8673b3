from django.contrib import admin

from .models import Ambito, Ente, Equipe, EquipeMember, Implementazione, Membership


@admin.register(Ambito)
class AmbitoAdmin(admin.ModelAdmin):
    list_display = ["codice", "nome", "capofila"]
    search_fields = ["codice", "nome"]


@admin.register(Ente)
class EnteAdmin(admin.ModelAdmin):
    list_display = ["nome", "tipo", "ambito", "parent"]
    list_filter = ["ambito", "tipo"]
    search_fields = ["nome"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "professione", "ambito", "ente", "active"]
    list_filter = ["ambito", "role", "active"]
    search_fields = ["user__username", "user__last_name"]


class EquipeMemberInline(admin.TabularInline):
    model = EquipeMember
    extra = 1


@admin.register(Equipe)
class EquipeAdmin(admin.ModelAdmin):
    list_display = ["nome", "ambito", "case_manager", "coach"]
    list_filter = ["ambito"]
    inlines = [EquipeMemberInline]


@admin.register(Implementazione)
class ImplementazioneAdmin(admin.ModelAdmin):
    list_display = ["nome", "ambito", "data_inizio", "durata_mesi", "famiglie_target", "t1_mesi_minimi", "t2_mesi_minimi"]
    list_filter = ["ambito"]

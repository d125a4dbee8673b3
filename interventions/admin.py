from django.contrib import admin

from .models import Budget, BudgetLine


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("nome", "ambito", "data_inizio", "data_fine", "importo")
    list_filter = ("ambito",)
    inlines = [BudgetLineInline]

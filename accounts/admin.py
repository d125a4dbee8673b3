from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from organisation.models import Membership

from .models import User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "user"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from roundtable.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Roundtable", {"fields": ("language",)}))

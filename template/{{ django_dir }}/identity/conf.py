"""The auth feature's settings, without adding a single name to the project's settings.

A name set in the project's settings module wins (so tests and operators can override any
of them there); every other one comes from identity/auth_settings.py, this mode's defaults.
"""

from django.conf import settings as project_settings

from identity import auth_settings


class AuthSettings:
    def __getattr__(self, name: str):
        if hasattr(project_settings, name):
            return getattr(project_settings, name)
        return getattr(auth_settings, name)


settings = AuthSettings()

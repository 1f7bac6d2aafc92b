"""Authentication for a Flask application: `init_app(app)` mounts it, `login_required` guards views."""

from .current import current_user, login_required
from .extension import init_app

__all__ = ["current_user", "init_app", "login_required"]

"""universal-auth: the template's companion tools (``universal-auth review``)."""

__version__ = "0.1.0"

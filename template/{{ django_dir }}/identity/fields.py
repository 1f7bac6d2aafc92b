"""Strict input fields: a string must arrive as a JSON string, without control characters."""

import unicodedata

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    default_error_messages = {
        "not_string": "Must be a string.",
        "control_characters": "Must not contain control characters.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_string")
        if any(unicodedata.category(char) == "Cc" for char in data):
            self.fail("control_characters")
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    default_error_messages = {"not_string": "Must be a string."}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_string")
        return super().to_internal_value(unicodedata.normalize("NFKC", data)).lower()


class PasswordField(StrictCharField):
    """Accepts any printable text; length and strength are the validators' business (weak_password)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1024)
        kwargs.setdefault("trim_whitespace", False)
        kwargs.setdefault("write_only", True)
        super().__init__(**kwargs)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_integer": "Must be an integer."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_integer")
        return super().to_internal_value(data)

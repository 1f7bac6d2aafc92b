from rest_framework import serializers

from identity.fields import PasswordField, StrictCharField, StrictEmailField


class CredentialsSerializer(serializers.Serializer):
    email = StrictEmailField()
    password = PasswordField()
    deviceName = StrictCharField(max_length=100, required=False, allow_blank=True)


class EmailSerializer(serializers.Serializer):
    email = StrictEmailField()


class TokenSerializer(serializers.Serializer):
    token = StrictCharField(max_length=128)


class ResetSerializer(serializers.Serializer):
    token = StrictCharField(max_length=128)
    password = PasswordField()


class PasswordChangeSerializer(serializers.Serializer):
    currentPassword = PasswordField()
    newPassword = PasswordField()

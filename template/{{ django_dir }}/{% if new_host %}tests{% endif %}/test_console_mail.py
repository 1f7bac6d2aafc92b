"""Without SMTP_HOST, Django's console backend prints each mail as sent: its links whole and readable,
never quoted-printable (`token=3D...` split across lines), so a developer can follow them."""

import pytest

from identity.services import mail

LINK = "http://localhost:3001/reset-password?token=" + "Ab9-_" * 20


@pytest.mark.django_db
def test_console_mail_prints_links_as_they_are(settings, capsys, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("reset_password", "ada@example.com", link=LINK, minutes=30)
    printed = capsys.readouterr().out
    assert printed.count(LINK) == 2, "the text part and the HTML part's href, each whole"
    assert "quoted-printable" not in printed and "=3D" not in printed

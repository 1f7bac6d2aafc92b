from django.contrib.auth.hashers import Argon2PasswordHasher


class BenchArgon2PasswordHasher(Argon2PasswordHasher):
    """argon2id at m=19456 KiB, t=2, p=1, the parameters every bench subject uses
    (Django's default is t=2, m=102400, p=8)."""

    time_cost = 2
    memory_cost = 19456
    parallelism = 1

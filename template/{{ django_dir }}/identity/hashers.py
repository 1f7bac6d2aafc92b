from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """argon2id with the baseline's parameters (OWASP: m=19456 KiB, t=2, p=1).

    Hashes made with other parameters, or by PBKDF2/scrypt, are upgraded at the next login.
    """

    time_cost = 2
    memory_cost = 19456
    parallelism = 1

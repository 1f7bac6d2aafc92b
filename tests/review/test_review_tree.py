"""What the walk reads and skips, and the false-positive guards around it."""

from universal_auth.review.tree import MAX_BYTES

SECRET = 'JWT_SECRET = "s3cr3t-Value-42"\n'


def paths(report):
    return {finding.path for finding in report.findings}


def test_dependency_vcs_virtualenv_and_build_folders_are_skipped(review):
    report = review(
        {
            "app/settings.py": SECRET,
            "node_modules/lib/index.py": SECRET,
            ".git/hooks/x.py": SECRET,
            ".venv/lib/x.py": SECRET,
            "myenv/pyvenv.cfg": "home = /usr/bin\n",
            "myenv/lib/x.py": SECRET,
            "dist/bundle.py": SECRET,
            "vendor/pkg/x.php": "<?php $password = 's3cr3t-Value-42';\n",
        }
    )
    assert paths(report) == {"app/settings.py"}
    assert report.files_scanned == 1


def test_lock_binary_minified_and_huge_files_are_not_read(review):
    report = review(
        {
            "package-lock.json": '{"packages": {"node_modules/csurf": {"version": "1.11.0"}}}\n',
            "poetry.lock": '[[package]]\nname = "passlib"\n',
            "logo.py": b"\x00\x01" + SECRET.encode(),
            "static/app.min.js": 'var apiKey="Zx81-live-Key-00";\n',
            "big.py": SECRET + "#" * MAX_BYTES,
        }
    )
    assert report.findings == []
    assert report.files_scanned == 0


def test_test_fixtures_are_not_secret_findings(review):
    report = review(
        {
            "tests/test_login.py": SECRET,
            "src/__tests__/auth.test.ts": 'const apiKey = "Zx81-live-Key-00";\n',
            "pkg/auth_test.go": 'const secret = "s3cr3t-Value-42"\n',
            "spec/fixtures/keys.py": SECRET,
        }
    )
    assert report.findings == []


def test_example_env_placeholders_are_not_secrets(review):
    report = review(
        {
            ".env.example": "AUTH_JWT_SECRET=<64 hex characters>\nSMTP_PASSWORD=\nDJANGO_SECRET_KEY=change-me\n"
            "DATABASE_URL=postgresql://app:change-me@127.0.0.1:5432/app\n"
        }
    )
    assert report.findings == []


def test_an_ignore_comment_silences_its_line_or_the_next(review):
    report = review(
        {
            "a.py": 'JWT_SECRET = "s3cr3t-Value-42"  # universal-auth: ignore (demo key)\n'
            "\n"
            "# universal-auth: ignore - documented sample\n"
            'SAMPLE_SECRET = "s3cr3t-Value-43"\n'
            'OTHER_SECRET = "s3cr3t-Value-44"\n'
        }
    )
    assert [(finding.path, finding.line) for finding in report.findings] == [("a.py", 5)]


def test_findings_are_sorted_most_severe_first(review):
    report = review(
        {
            "b.py": "box = Fernet(key)\n",
            "a.py": 'k = hashlib.pbkdf2_hmac("sha256", pw, salt, 1000)\n',
            "c.py": SECRET,
        }
    )
    assert [finding.level.value for finding in report.findings] == ["high", "medium", "low"]


def test_common_false_positives_stay_quiet(review):
    report = review(
        {
            "lib/keys.js": "const key = `security-advisory:${name}:${id}`\nconst k = { key: 'lengthComputable' }\n",
            "lib/local.py": "self.key = '_threading_local._localimpl.' + str(id(self))\n",
            "lib/docs.js": '// key="-----BEGIN PRIVATE KEY-----\\nXXXX\\n-----END PRIVATE KEY-----"\n',
            "lib/imap.py": "def login_cram_md5(self, user, password):\n    pass\n",
            "lib/cookies.js": "// the maximum age of the cookie (which SHOULD be 400 days)\n"
            "function setCookie (headers, cookie) {}\n",
            "lib/session.js": 'import { sessionCookie } from "./options.js";\nimport { doubleCsrf } from "csrf-csrf";\n'
            "res.cookie(name, token, { ...sessionCookie(config), maxAge: 1000 });\n",
        }
    )
    assert [finding.as_dict() for finding in report.findings] == []

"""One fixture per rule that triggers it, and a close one that does not."""

import hashlib

import pytest

GITIGNORE = {".gitignore": ".env\n"}
HEX = hashlib.sha256(b"review").hexdigest()  # 256 bits
HEADERS_OK = {"app/security.py": 'HEADERS = {"X-Content-Type-Options": "nosniff"}\n'}

# (rule, files that trigger it, files that do not)
CASES = [
    # secrets: names and values
    (
        "UA-SECRET-NAMED",
        {"app/settings.py": 'JWT_SECRET = "s3cr3t-Value-42"\n'},
        {"app/settings.py": 'JWT_SECRET = os.environ["JWT_SECRET"]\nTOKEN_KEY = "auth_token"\n'},
    ),
    (
        "UA-SECRET-NAMED",
        {"src/auth.ts": 'const apiKey: string = "Zx81-live-Key-00";\n'},
        {"src/auth.ts": 'const apiKey = process.env.API_KEY;\nconst label = "Enter your password";\n'},
    ),
    (
        "UA-SECRET-NAMED",
        {"config/appsettings.json": '{"Jwt": {"Key": "ThisIsMySuperSecretKey123!"}}\n'},
        {"config/appsettings.json": '{"Jwt": {"Key": ""}}\n'},
    ),
    (
        "UA-SECRET-NAMED",
        {"main.go": 'tok.SignedString([]byte("my-signing-key"))\n'},
        {"main.go": "tok.SignedString(key)\n"},
    ),
    (
        "UA-SECRET-NAMED",
        {"api/.env.example": f"AUTH_JWT_SECRET={HEX}\n"},
        {"api/.env.example": "AUTH_JWT_SECRET=<64 hex characters>  # openssl rand -hex 32\n"},
    ),
    (
        "UA-SECRET-PATTERN",
        {"deploy.py": 'AWS = "AKIAIOSFODNN7EXAMPLF"\n'},
        {"deploy.py": 'AWS = os.environ["AWS_ACCESS_KEY_ID"]\n'},
    ),
    (
        "UA-SECRET-PATTERN",
        {"settings.py": "SECRET_KEY = 'django-insecure-8x!2k@p#z0q$v9w^e&r*t(y)u_i+o'\n"},
        {"settings.py": 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n'},
    ),
    (
        "UA-SECRET-PATTERN",
        {"keys/server.pem.py": 'KEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIE"""\n'},
        {"keys/server.pem.py": 'KEY = """-----BEGIN PUBLIC KEY-----\nMIIB"""\n'},
    ),
    (
        "UA-SECRET-PATTERN",
        {"db.py": 'URL = "postgresql://app:Tr0ub4dor3x@db:5432/app"\n'},
        {"db.py": 'URL = "postgresql://app:change-me@127.0.0.1:5432/app"\n'},
    ),
    (
        "UA-SECRET-ENTROPY",
        {"client.py": 'call(seed="q8Z3vN1xK7mP2rT9wB4yH6jL0cF5sD8a")\n'},
        {"client.py": 'call(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcd")\n'},
    ),
    # a fallback value for a secret read from the environment, in each language
    (
        "UA-SECRET-FALLBACK",
        {"app.py": 'SECRET = os.environ.get("JWT_SECRET", "dev-secret")\n'},
        {"app.py": 'SECRET = os.environ.get("JWT_SECRET")\nPORT = os.environ.get("PORT", "8000")\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"app.py": 'KEY = os.getenv("API_KEY", "local")\n'},
        {"app.py": 'KEY = os.getenv("API_KEY", "")\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"src/config.js": 'export const secret = process.env.JWT_SECRET || "changeit";\n'},
        {"src/config.js": 'export const port = process.env.PORT || "3000";\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"src/config.ts": 'const secret = process.env["SESSION_SECRET"] ?? "keyboard cat";\n'},
        {"src/config.ts": 'const secret = requireEnv("SESSION_SECRET");\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"config.go": 'secret := getEnv("JWT_SECRET", "devsecret")\n'},
        {"config.go": 'addr := getEnv("ADDR", ":8080")\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"config.go": 'secret := cmp.Or(os.Getenv("JWT_SECRET"), "devsecret")\n'},
        {"config.go": 'secret := os.Getenv("JWT_SECRET")\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"config/jwt.php": "<?php return ['secret' => env('JWT_SECRET', 'devsecret')];\n"},
        {"config/jwt.php": "<?php return ['secret' => env('JWT_SECRET'), 'ttl' => env('JWT_TTL', 60)];\n"},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"Program.cs": 'var key = builder.Configuration["Jwt:Key"] ?? "dev-key";\n'},
        {"Program.cs": 'var key = builder.Configuration["Jwt:Key"] ?? throw new Exception("Jwt:Key");\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"Auth.cs": 'var k = Environment.GetEnvironmentVariable("JWT_SECRET") ?? "dev";\n'},
        {"Auth.cs": 'var k = Environment.GetEnvironmentVariable("JWT_SECRET");\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"Config.kt": 'val secret = System.getenv("JWT_SECRET") ?: "dev-secret"\n'},
        {"Config.kt": 'val secret = System.getenv("JWT_SECRET") ?: error("JWT_SECRET is required")\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"Jwt.java": '@Value("${jwt.secret:devsecret}") String secret;\n'},
        {"Jwt.java": '@Value("${jwt.secret}") String secret;\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"settings.py": 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "insecure-dev-key"\n'},
        {"settings.py": 'DEBUG = os.environ.get("DEBUG") or "0"\n'},
    ),
    (
        "UA-SECRET-FALLBACK",
        {"config.go": 'secret := os.Getenv("JWT_SECRET")\nif secret == "" {\n\tsecret = "devsecret"\n}\n'},
        {"config.go": 'secret := os.Getenv("JWT_SECRET")\nif secret == "" {\n\tlog.Fatal("JWT_SECRET missing")\n}\n'},
    ),
    # env files
    (
        "UA-ENV-NOT-IGNORED",
        {"api/.env": f"AUTH_JWT_SECRET={HEX}\n", "api/.env.example": "AUTH_JWT_SECRET=\n"},
        {"api/.env": f"AUTH_JWT_SECRET={HEX}\n", "api/.env.example": "AUTH_JWT_SECRET=\n", **GITIGNORE},
    ),
    (
        "UA-ENV-NOT-IGNORED",
        {"api/.env": "X=1\n", ".gitignore": ".env\n!api/.env\n", "api/.env.example": "X=\n"},
        {"api/.env": "X=1\n", "api/.gitignore": "/.env\n", "api/.env.example": "X=\n"},
    ),
    ("UA-ENV-EXAMPLE-MISSING", {".env": "X=1\n", **GITIGNORE}, {".env": "X=1\n", ".env.example": "X=\n", **GITIGNORE}),
    (
        "UA-ENV-SHORT-KEY",
        {".env": "AUTH_JWT_SECRET=changeme-please\n", ".env.example": "", **GITIGNORE},
        {".env": f"AUTH_JWT_SECRET={HEX}\nAUTH_JWT_PREVIOUS_SECRETS=\n", ".env.example": "", **GITIGNORE},
    ),
    (
        "UA-ENV-SHORT-KEY",
        {".env": f"JWT_SECRET_KEY={HEX[:32]}  # 128 bits\n", ".env.example": "", **GITIGNORE},
        {".env": "JWT_SECRET_KEY=q8Z3vN1xK7mP2rT9wB4yH6jL0cF5sD8aQ8Z3vN1xK7m=\n", ".env.example": "", **GITIGNORE},
    ),
    # cookies set by server code
    (
        "UA-COOKIE-HTTPONLY",
        {"src/auth.js": 'res.cookie("access_token", token, { secure: true, sameSite: "lax" });\n'},
        {"src/auth.js": 'res.cookie("access_token", token, { httpOnly: true, secure: true, sameSite: "lax" });\n'},
    ),
    (
        "UA-COOKIE-HTTPONLY",
        {"views.py": 'response.set_cookie("sessionid", sid, secure=True, samesite="Lax")\n'},
        {"views.py": 'response.set_cookie("sessionid", sid, httponly=True, secure=True, samesite="Lax")\n'},
    ),
    (
        "UA-COOKIE-HTTPONLY",
        {
            "auth.go": 'http.SetCookie(w, &http.Cookie{Name: "session", Value: v, Secure: true, '
            "SameSite: http.SameSiteLaxMode})\n"
        },
        {
            "auth.go": 'http.SetCookie(w, &http.Cookie{Name: "session", Value: v, HttpOnly: true, Secure: true, '
            "SameSite: http.SameSiteLaxMode})\n"
        },
    ),
    (
        "UA-COOKIE-HTTPONLY",
        {"Auth.cs": 'Response.Cookies.Append("access_token", t);\n'},
        {
            "Auth.cs": 'Response.Cookies.Append("access_token", t, new CookieOptions { HttpOnly = true, Secure = true, '
            "SameSite = SameSiteMode.Lax });\n"
        },
    ),
    (
        "UA-COOKIE-SECURE",
        {
            "src/auth.ts": "const opts = { httpOnly: true, sameSite: 'strict' };\n"
            "res.cookie('refresh_token', t, opts);\n"
        },
        {
            "src/auth.ts": "const opts = { httpOnly: true, secure: config.secureCookies, sameSite: 'strict' };\n"
            "res.cookie('refresh_token', t, opts);\n"
        },
    ),
    (
        "UA-COOKIE-SECURE",
        {"settings.py": "SESSION_COOKIE_SECURE = False\n"},
        {"settings.py": "SESSION_COOKIE_SECURE = True\n"},
    ),
    (
        "UA-COOKIE-SAMESITE",
        {"login.php": "<?php setcookie('auth', $t, ['httponly' => true, 'secure' => true]);\n"},
        {"login.php": "<?php setcookie('auth', $t, ['httponly' => true, 'secure' => true, 'samesite' => 'Lax']);\n"},
    ),
    (
        "UA-COOKIE-SAMESITE",
        {"Auth.java": 'ResponseCookie c = ResponseCookie.from("token", t).httpOnly(true).secure(true).build();\n'},
        {
            "Auth.java": 'ResponseCookie c = ResponseCookie.from("token", t).httpOnly(true).secure(true)'
            '.sameSite("Strict").build();\n'
        },
    ),
    (
        "UA-COOKIE-HTTPONLY",
        {
            "src/transport.ts": "function accessCookie(config: Config): CookieOptions {\n"
            '  return { secure: config.cookieSecure, sameSite: "lax", path: "/" };\n}\n'
            "res.cookie(names.access, token, { ...accessCookie(config), maxAge: 900000 });\n"
        },
        {
            "src/transport.ts": "const accessCookie = (config: Config): CookieOptions => ({\n"
            '  httpOnly: true, secure: config.cookieSecure, sameSite: "lax", path: "/" });\n'
            "res.cookie(names.access, token, { ...accessCookie(config), maxAge: 900000 });\n"
        },
    ),
    # CSRF
    (
        "UA-CSRF-MISSING",
        {"src/server.js": 'app.get("/me", (req, res) => res.json(verify(req.cookies.access_token)));\n', **HEADERS_OK},
        {
            "src/server.js": 'import { doubleCsrf } from "csrf-csrf";\n'
            'app.get("/me", (req, res) => res.json(verify(req.cookies.access_token)));\n',
            **HEADERS_OK,
        },
    ),
    (
        "UA-CSRF-DISABLED",
        {"views.py": "@csrf_exempt\ndef login(request):\n    pass\n"},
        {"views.py": "@csrf_protect\ndef login(request):\n    pass\n"},
    ),
    (
        "UA-CSRF-DISABLED",
        {"Security.java": "http.csrf(AbstractHttpConfigurer::disable);\n"},
        {"Security.java": "http.csrf(Customizer.withDefaults());\n"},
    ),
    # hashing
    (
        "UA-HASH-BCRYPT-COST",
        {"src/users.js": "const hash = await bcrypt.hash(password, 10);\n"},
        {"src/users.js": "const hash = await bcrypt.hash(password, 12);\n"},
    ),
    (
        "UA-HASH-BCRYPT-COST",
        {"users.go": "h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)\n"},
        {"users.go": "h, err := bcrypt.GenerateFromPassword([]byte(pw), 13)\n"},
    ),
    (
        "UA-HASH-BCRYPT-COST",
        {"SecurityConfig.java": "return new BCryptPasswordEncoder();\n"},
        {"SecurityConfig.java": "return new BCryptPasswordEncoder(12);\n"},
    ),
    (
        "UA-HASH-BCRYPT-COST",
        {"config/hashing.php": "<?php return ['bcrypt' => ['rounds' => env('BCRYPT_ROUNDS', 10)]];\n"},
        {"config/hashing.php": "<?php return ['bcrypt' => ['rounds' => env('BCRYPT_ROUNDS', 12)]];\n"},
    ),
    (
        "UA-HASH-PBKDF2-ITERATIONS",
        {"crypto.py": 'k = hashlib.pbkdf2_hmac("sha256", pw, salt, 100_000)\n'},
        {"crypto.py": 'k = hashlib.pbkdf2_hmac("sha256", pw, salt, 600_000)\n'},
    ),
    (
        "UA-HASH-PBKDF2-ITERATIONS",
        {"Hash.cs": "var k = Rfc2898DeriveBytes.Pbkdf2(pw, salt, 10000, HashAlgorithmName.SHA256, 32);\n"},
        {"Hash.cs": "var k = Rfc2898DeriveBytes.Pbkdf2(pw, salt, 600000, HashAlgorithmName.SHA256, 32);\n"},
    ),
    (
        "UA-HASH-WEAK",
        {"users.py": "digest = hashlib.md5(password.encode()).hexdigest()\n"},
        {"users.py": "etag = hashlib.md5(body).hexdigest()\n"},
    ),
    (
        "UA-HASH-WEAK",
        {"users.php": "<?php $h = sha1($password);\n"},
        {"users.php": "<?php $h = password_hash($password, PASSWORD_ARGON2ID);\n"},
    ),
    (
        "UA-HASH-WEAK",
        {"settings.py": 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n'},
        {
            "settings.py": 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", '
            '"django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher"]\n'
        },
    ),
    ("UA-CRYPTO-FERNET", {"vault.py": "box = Fernet(key)\n"}, {"vault.py": "box = AESGCM(key)\n"}),
    # do-not-use packages, in each manifest
    (
        "UA-PKG-DENIED",
        {"package.json": '{"dependencies": {"express": "^5.1.0", "csurf": "^1.11.0"}}\n'},
        {"package.json": '{"dependencies": {"express": "^5.1.0", "csrf-csrf": "^4.0.0"}}\n'},
    ),
    (
        "UA-PKG-DENIED",
        {"web/package.json": '{"dependencies": {"react": "^19.0.0", "jsonwebtoken": "^9.0.0"}}\n'},
        {"api/package.json": '{"dependencies": {"express": "^5.1.0", "jsonwebtoken": "^9.0.0"}}\n'},
    ),
    (
        "UA-PKG-DENIED",
        {"package.json": '{"dependencies": {"next": "16.0.0", "next-auth": "^4.24.0"}}\n'},
        {"package.json": '{"dependencies": {"next": "16.0.0"}}\n'},
    ),
    (
        "UA-PKG-DENIED",
        {"requirements-dev.txt": "django>=5.2\npasslib[bcrypt]==1.7.4\n"},
        {"requirements.txt": "django>=5.2\nargon2-cffi\n# passlib was removed\n"},
    ),
    (
        "UA-PKG-DENIED",
        {"pyproject.toml": '[project]\ndependencies = ["passlib>=1.7"]\n'},
        {"pyproject.toml": '[project]\ndependencies = ["pwdlib[argon2]"]\n'},
    ),
    (
        "UA-PKG-DENIED",
        {"go.mod": "module x\n\nrequire github.com/dgrijalva/jwt-go v3.2.0+incompatible\n"},
        {"go.mod": "module x\n\nrequire github.com/golang-jwt/jwt/v5 v5.2.1\n"},
    ),
    (
        "UA-PKG-DENIED",
        {
            "Api.csproj": '<Project><ItemGroup><PackageReference Include="AspNetCoreRateLimit" '
            'Version="5.0.0" /></ItemGroup></Project>\n'
        },
        {
            "Api.csproj": '<Project><ItemGroup><PackageReference Include="Otp.NET" Version="1.4.0" />'
            "</ItemGroup></Project>\n"
        },
    ),
    (
        "UA-PKG-DENIED",
        {"app/build.gradle.kts": 'implementation("androidx.security:security-crypto:1.1.0")\n'},
        {"app/build.gradle.kts": 'implementation("androidx.biometric:biometric:1.1.0")\n'},
    ),
    # tokens where scripts read them
    (
        "UA-TOKEN-STORAGE",
        {"src/api.ts": 'localStorage.setItem("accessToken", data.accessToken);\n'},
        {"src/api.ts": 'localStorage.setItem("theme", "dark");\n'},
    ),
    (
        "UA-TOKEN-STORAGE",
        {"src/session.js": "sessionStorage.jwt = response.jwt;\n"},
        {"src/session.js": "sessionStorage.lastPage = location.pathname;\n"},
    ),
    (
        "UA-TOKEN-STORAGE",
        {"app/auth.tsx": "await AsyncStorage.setItem('refreshToken', tokens.refreshToken);\n"},
        {"app/auth.tsx": "await SecureStore.setItemAsync('refreshToken', tokens.refreshToken);\n"},
    ),
    (
        "UA-TOKEN-SCRIPT-COOKIE",
        {"src/login.js": 'Cookies.set("token", data.token);\n'},
        {"src/login.js": 'Cookies.set("locale", "fr");\n'},
    ),
    (
        "UA-TOKEN-SCRIPT-COOKIE",
        {"src/login.js": 'document.cookie = "auth_token=" + token;\n'},
        {"src/login.js": 'document.cookie = "locale=fr";\n'},
    ),
    # headers
    (
        "UA-HDR-XSS-FILTER",
        {"src/server.js": 'res.setHeader("X-XSS-Protection", "1; mode=block");\n'},
        {"src/server.js": 'res.setHeader("X-XSS-Protection", "0");\n'},
    ),
    (
        "UA-HDR-XSS-FILTER",
        {"settings.py": "SECURE_BROWSER_XSS_FILTER = True\n"},
        {"settings.py": "SECURE_CONTENT_TYPE_NOSNIFF = True\n"},
    ),
    (
        "UA-HDR-NO-MIDDLEWARE",
        {"src/app.js": 'const app = express();\napp.get("/", (req, res) => res.send("hi"));\n'},
        {"src/app.js": "const app = express();\napp.use(helmet());\n"},
    ),
    (
        "UA-HDR-NO-MIDDLEWARE",
        {"main.go": 'func main() { http.ListenAndServe(":8080", mux) }\n'},
        {
            "main.go": 'func main() { http.ListenAndServe(":8080", secureHeaders(mux)) }\n'
            'func secureHeaders(h http.Handler) http.Handler { w.Header().Set("X-Content-Type-Options", '
            '"nosniff") }\n'
        },
    ),
]


def ids(report):
    return {finding.rule.id for finding in report.findings}


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[f"{case[0]}-{i}" for i, case in enumerate(CASES)])
def test_rule_triggers_on_bad_and_not_on_good(review, rule, bad, good):
    found = review(bad)
    assert rule in ids(found), [finding.as_dict() for finding in found.findings]
    clean = review(good)
    assert rule not in ids(clean), [finding.as_dict() for finding in clean.findings]


def test_every_static_rule_has_a_case():
    from universal_auth.review.catalog import RULES
    from universal_auth.review.live import RULES as LIVE_RULES

    static = {rule.id for rule in RULES} - {rule.id for rule in LIVE_RULES}
    assert static == {case[0] for case in CASES}


def test_findings_carry_file_line_and_fix(review):
    report = review({"src/app/settings.py": 'import os\n\nDEBUG = False\nJWT_SECRET = "s3cr3t-Value-42"\n'})
    [finding] = report.findings
    assert (finding.path, finding.line, finding.where) == ("src/app/settings.py", 4, "src/app/settings.py:4")
    assert finding.level.value == "high"
    assert "environment" in finding.remedy

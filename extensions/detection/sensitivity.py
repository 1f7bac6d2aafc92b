"""How sensitive the data is and whether the project is multi-tenant, and the mode they call for."""

from __future__ import annotations

import re
from collections import Counter

from .model import Confidence, Finding
from .packages import Packages, provides
from .sources import Sources

HEALTH_TERMS = re.compile(
    r"\b(patients?|clinics?|ehr|emr|hipaa|diagnos[ie]s|prescriptions?|medical_?records?)\b", re.IGNORECASE
)
# "provider" alone names auth and React providers; it counts only next to a health term.
PROVIDER_TERM = re.compile(r"\b(providers?|provider_id)\b", re.IGNORECASE)
TENANT_TERMS = re.compile(
    r"\b(tenant_?id|org_?id|organization_?id|workspace_?id|team_?id|tenantId|orgId|organizationId|workspaceId"
    r"|teamId|class\s+(?:Tenant|Organization|Workspace)\b|model\s+(?:Tenant|Organization|Workspace)\b)",
    re.IGNORECASE,
)
PAYMENT_LIBRARIES = (
    ("python", "stripe"), ("python", "dj-stripe"), ("python", "braintree"), ("python", "paypalrestsdk"),
    ("python", "adyen"), ("python", "razorpay"), ("python", "mollie-api-python"), ("python", "squareup"),
    ("npm", "stripe"), ("npm", "@stripe/stripe-js"), ("npm", "braintree"), ("npm", "@paypal/checkout-server-sdk"),
    ("npm", "@paypal/react-paypal-js"), ("npm", "@adyen/api-library"), ("npm", "razorpay"), ("npm", "square"),
    ("composer", "stripe/stripe-php"), ("composer", "laravel/cashier"), ("composer", "laravel/cashier-paddle"),
    ("composer", "braintree/braintree_php"), ("go", "github.com/stripe/stripe-go"),
    ("csproj", "Stripe.net"), ("pubspec", "flutter_stripe"),
)  # fmt: skip


def detect_tenancy(sources: Sources) -> Finding:
    files: Counter[str] = Counter()
    for source in sources.code:
        for match in TENANT_TERMS.finditer(source.text):
            files[match.group(1).split()[-1].lower()] += 1
    if not files:
        return (
            Finding("single-tenant", Confidence.LOW, "no tenant, organization or workspace fields")
            if sources.code
            else Finding(None)
        )
    confidence = Confidence.HIGH if len(files) >= 2 or sum(files.values()) >= 3 else Confidence.MEDIUM
    return Finding("multi-tenant", confidence, ", ".join(term for term, _ in files.most_common(3)))


def detect_sensitivity(packages: Packages, sources: Sources, tenancy: Finding) -> tuple[Finding, Finding]:
    """(sensitivity, the lowest mode it calls for)."""
    health: Counter[str] = Counter()
    providers = 0
    for source in sources.code:
        health.update(re.sub(r"(?<!i)s$", "", match.group(1).lower()) for match in HEALTH_TERMS.finditer(source.text))
        providers += bool(PROVIDER_TERM.search(source.text))
    if health and providers:
        health["provider"] += providers
    payments = [
        name
        for folder in packages.folders()
        for kind, name in PAYMENT_LIBRARIES
        if provides(kind, packages.of(kind, folder), name)
    ]
    if len(health) >= 2:
        terms = ", ".join(term for term, _ in health.most_common(4))
        found = Finding("healthcare", Confidence.HIGH, terms)
        return found, Finding(4, Confidence.HIGH, f"healthcare terms: {terms}")
    if payments:
        libraries = ", ".join(dict.fromkeys(payments))
        found = Finding("financial", Confidence.HIGH, libraries)
        return found, Finding(3, Confidence.HIGH, f"payment libraries: {libraries}")
    if health:
        term = next(iter(health))
        return Finding("healthcare", Confidence.MEDIUM, term), Finding(4, Confidence.MEDIUM, f"the term '{term}'")
    if tenancy.value == "multi-tenant":
        mode = Finding(3, tenancy.confidence.lowered(), f"organizations or workspaces: {tenancy.evidence}")
        return Finding("business accounts", tenancy.confidence.lowered(), tenancy.evidence), mode
    return Finding(None), Finding(None)

"""``universal-auth review``: static checks on a tree and live checks on a running server."""

from .finding import Finding, Report, Rule, Severity
from .scan import review_tree

__all__ = ["Finding", "Report", "Rule", "Severity", "review_tree"]

"""The answer combinations the render tests use, from copier.yml's questions and the manifests.

``valid_product()`` is every valid combination (the full matrix, marker ``matrix``);
``covering_set()`` is a pairwise covering subset of it that runs on every CI run, and
``refused_examples()`` puts every choice that cannot render in front of its validator.
The oracle in ``refusal()`` is written from the issue's rules, independently of copier.yml.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import manifests

Answers = dict[str, object]

DIMENSIONS: dict[str, tuple] = {
    "backend": (*(s.name for s in manifests.stacks_of("backend")), "none"),
    "frontend": (*(s.name for s in manifests.stacks_of("frontend")), "none"),
    "mobile": (*(s.name for s in manifests.stacks_of("mobile")), "none"),
    "mode": (1, 2, 3, 4),
    "transport": ("cookie", "bearer"),
    "database": ("sqlite", "postgresql", "mysql"),
}


def refusal(answers: Answers) -> str | None:
    """The message copier must refuse ``answers`` with, or None when they are valid."""
    stacks = manifests.load_stacks()
    chosen = [stacks[answers[kind]] for kind in manifests.KINDS if answers[kind] != "none"]
    for stack in chosen:
        if not stack.built:
            return f"{stack.label} is planned but not built yet"
    if not chosen:
        return "Nothing chosen"
    backend = stacks.get(answers["backend"])
    if backend is not None and answers["database"] not in backend.databases:
        return f"{backend.label} supports"
    if answers["transport"] == "cookie" and answers["frontend"] == "none" and answers["mobile"] != "none":
        return "Cookie transport needs a web client"
    return None


def combination_id(answers: Answers) -> str:
    return "-".join(f"m{value}" if key == "mode" else str(value) for key, value in answers.items())


def everything() -> Iterator[Answers]:
    for values in itertools.product(*DIMENSIONS.values()):
        yield dict(zip(DIMENSIONS, values, strict=True))


def valid_product() -> list[Answers]:
    return [answers for answers in everything() if refusal(answers) is None]


def pairs(answers: Answers) -> set[tuple]:
    items = sorted(answers.items())
    return set(itertools.combinations(items, 2))


def covering_set() -> list[Answers]:
    """A greedy pairwise covering of the valid product: every pair of values that occurs in
    some valid combination occurs in one of these."""
    candidates = valid_product()
    uncovered = set().union(*(pairs(a) for a in candidates)) if candidates else set()
    chosen = []
    while uncovered:
        best = max(candidates, key=lambda a: len(pairs(a) & uncovered))
        chosen.append(best)
        uncovered -= pairs(best)
    return chosen


def refused_examples() -> list[tuple[Answers, str]]:
    """One refused combination for each choice that no valid combination uses, and one per rule."""
    valid = valid_product()
    base = valid[0] if valid else {key: values[0] for key, values in DIMENSIONS.items()}
    examples = []
    for key, values in DIMENSIONS.items():
        for value in values:
            if any(answers[key] == value for answers in valid):
                continue
            answers = base | {key: value}
            if key != "backend" and value != "none" and refusal(answers) is None:
                continue
            examples.append(answers)
    examples.append(base | {"backend": "none", "frontend": "none", "mobile": "none"})
    unique = {combination_id(answers): answers for answers in examples}
    return [(answers, reason) for answers in unique.values() if (reason := refusal(answers))]

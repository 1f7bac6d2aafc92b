"""extensions/stack_refusal.py: the refusal's wording and the question defaults around a planned stack."""

from __future__ import annotations

from pathlib import Path

import pytest
from copier.errors import UserMessageError

import stack_refusal

FLASK = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / "flask"
DJANGO = FLASK.parent / "django"


def test_a_built_stack_or_none_has_no_problem():
    assert stack_refusal.problem("backend", "django") == stack_refusal.problem("frontend", "none") == ""


def test_a_stack_of_another_kind_is_unknown_to_this_one():
    assert stack_refusal.problem("frontend", "django").startswith("universal-auth: there is no frontend named 'django'")


def test_in_a_terminal_a_detected_planned_stack_leaves_the_question_without_a_default():
    assert stack_refusal.suggest_stack("backend", FLASK, "django", non_interactive=False) == "none"
    assert stack_refusal.suggest_stack("backend", DJANGO, "express", non_interactive=False) == "django"


def test_without_questions_a_detected_planned_stack_is_refused():
    with pytest.raises(UserMessageError, match=r"Flask \(found in this project\) is planned"):
        stack_refusal.suggest_stack("backend", FLASK, "django", non_interactive=True)
    with pytest.raises(UserMessageError, match=r"Flask \(found in this project\)"):
        stack_refusal.refuse_unbuildable({}, FLASK, non_interactive=True)


def test_an_answer_given_overrides_detection():
    assert stack_refusal.refuse_unbuildable({"backend": "django"}, FLASK, non_interactive=True) == ""
    assert stack_refusal.refuse_unbuildable({}, FLASK, non_interactive=False) == ""


def test_an_earlier_copys_answer_is_used_before_detection():
    assert stack_refusal.refuse_unbuildable({}, FLASK, non_interactive=True, previous={"backend": "django"}) == ""

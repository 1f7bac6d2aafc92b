"""Mode 1 registration: the account is usable at once; a taken email answers 409."""

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from identity.errors import Problem, WeakPassword
from identity.services import events, password_rules, users


def register_open(db: Session, email: str, password: str, request: Request) -> JSONResponse:
    if problems := password_rules.problems(password, email):
        raise WeakPassword("password", problems)
    try:
        user = users.create(db, email, password)
    except users.EmailTaken:
        raise Problem(409, "conflict", "An account with this email already exists.") from None
    events.emit("USER_REGISTERED", request, user)
    return JSONResponse({"user": users.represent(user)}, status_code=201)

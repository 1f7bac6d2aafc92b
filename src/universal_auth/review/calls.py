"""Cut a call's argument text out of source, respecting nesting and string literals."""

from __future__ import annotations

CLOSING = {"(": ")", "[": "]", "{": "}"}


def balanced(text: str, open_index: int, limit: int = 2000) -> str:
    """The text between the bracket at ``open_index`` and its partner (cut at ``limit`` characters)."""
    depth, quote, index = 0, "", open_index
    end = min(len(text), open_index + limit)
    while index < end:
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char in CLOSING:
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return text[open_index + 1 : index]
        index += 1
    return text[open_index + 1 : end]


def split_args(inner: str) -> list[str]:
    """Top-level comma-separated arguments of a call's inner text."""
    args, depth, quote, current = [], 0, "", []
    index = 0
    while index < len(inner):
        char = inner[index]
        if quote:
            if char == "\\" and index + 1 < len(inner):
                current.append(char)
                index += 1
                char = inner[index]
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            args.append("".join(current).strip())
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    if "".join(current).strip():
        args.append("".join(current).strip())
    return args


def literal(arg: str) -> str | None:
    """The value of a plain string literal argument, else None."""
    arg = arg.strip()
    if len(arg) >= 2 and arg[0] in "\"'`" and arg[-1] == arg[0]:
        return arg[1:-1]
    return None

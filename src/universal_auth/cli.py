"""The ``universal-auth`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .review import review_tree
from .review.live import Unreachable, review_url
from .review.reporters import FORMATS

EXIT_CLEAN, EXIT_HIGH, EXIT_ERROR = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="universal-auth", description="Companion tools of the universal-auth template.")
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = root.add_subparsers(dest="command", required=True)
    review = commands.add_parser(
        "review",
        help="review a project's authentication security",
        description="Static checks on PATH and, with --url, live checks on a running server. "
        f"Exit status: {EXIT_CLEAN} no high finding, {EXIT_HIGH} at least one high finding, {EXIT_ERROR} error.",
    )
    review.add_argument("path", type=Path, metavar="PATH", help="project folder to review")
    review.add_argument("--url", help="base URL of the running server (checks headers, cookies, CORS, TRACE, login)")
    review.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    review.add_argument("--output", "-o", type=Path, help="write the report to this file instead of stdout")
    return root


def run_review(args: argparse.Namespace) -> int:
    if not args.path.is_dir():
        print(f"universal-auth review: {args.path} is not a folder", file=sys.stderr)
        return EXIT_ERROR
    report = review_tree(args.path)
    if args.url:
        if not args.url.startswith(("http://", "https://")):
            print(f"universal-auth review: --url must start with http:// or https://, not {args.url}", file=sys.stderr)
            return EXIT_ERROR
        try:
            findings, notes = review_url(args.url)
        except Unreachable as error:
            print(f"universal-auth review: the server did not answer: {error}", file=sys.stderr)
            return EXIT_ERROR
        report.url = args.url
        report.findings = sorted(report.findings + findings, key=lambda finding: finding.sort_key())
        report.notes.extend(notes)
    output = FORMATS[args.format](report)
    if args.output:
        args.output.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return EXIT_HIGH if report.has_high else EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "review":
        return run_review(args)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())

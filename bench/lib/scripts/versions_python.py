"""Prints the installed version of each distribution named on the command line, as JSON."""

import json
import sys
from importlib.metadata import PackageNotFoundError, version


def installed(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


print(json.dumps({name: found for name in sys.argv[1:] if (found := installed(name))}))

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in ("extensions", "hooks"):
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))

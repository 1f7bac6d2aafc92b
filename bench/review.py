"""Benchmark: build a 20,000-file project in a temporary folder and time `universal-auth review` on it.

Run: python bench/review.py [FILES]. Prints the time; the target is under 5 seconds. Not a test.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from universal_auth.review import review_tree

PYTHON = '''"""Orders module {n}."""

import os
from dataclasses import dataclass

TIMEOUT_SECONDS = {n}
DATABASE_URL = os.environ["DATABASE_URL"]


@dataclass
class Order{n}:
    id: int
    total: float
    customer: str

    def describe(self) -> str:
        return f"order {{self.id}} for {{self.customer}}: {{self.total:.2f}}"


def load(rows: list[dict]) -> list[Order{n}]:
    return [Order{n}(row["id"], row["total"], row["customer"]) for row in rows if row.get("total")]
'''
TYPESCRIPT = """import {{ useState }} from "react";

export interface Item{n} {{
  id: string;
  title: string;
  done: boolean;
}}

export function useItems{n}(initial: Item{n}[] = []) {{
  const [items, setItems] = useState(initial);
  const toggle = (id: string) =>
    setItems((current) => current.map((item) => (item.id === id ? {{ ...item, done: !item.done }} : item)));
  const remaining = items.filter((item) => !item.done).length;
  return {{ items, toggle, remaining, label: `${{remaining}} left of ${{items.length}}` }};
}}
"""
GO = """package store{n}

import (
\t"context"
\t"database/sql"
)

type Repo struct {{ db *sql.DB }}

func (r *Repo) Count(ctx context.Context) (int, error) {{
\tvar n int
\terr := r.db.QueryRowContext(ctx, "SELECT count(*) FROM items WHERE shard = $1", {n}).Scan(&n)
\treturn n, err
}}
"""
# more code per file, so the average file is about 2 KB like an application's source
EXTRA = {
    ".py": """

def summarise_{n}_{k}(orders: list[Order{n}], currency: str = "EUR") -> dict[str, float]:
    totals: dict[str, float] = {{}}
    for order in orders:
        totals[order.customer] = totals.get(order.customer, 0.0) + order.total
    return {{name: round(value, 2) for name, value in totals.items() if value > {k}}}
""",
    ".tsx": """
export function formatTotal{n}x{k}(value: number, currency = "EUR"): string {{
  const formatter = new Intl.NumberFormat("en-GB", {{ style: "currency", currency }});
  return value > {k} ? formatter.format(value) : formatter.format(0);
}}
""",
    ".go": """
func (r *Repo) Sum{k}(ctx context.Context, shard int) (float64, error) {{
\tvar total float64
\terr := r.db.QueryRowContext(ctx, "SELECT sum(total) FROM orders WHERE shard = $1", shard+{k}).Scan(&total)
\treturn total, err
}}
""",
}
DEPENDENCY = "module.exports = function helper{n}(a, b) {{ return a + b + {n}; }};\n"


def build(root: Path, files: int) -> None:
    rng = random.Random(7)
    templates = [(PYTHON, ".py"), (TYPESCRIPT, ".tsx"), (GO, ".go")]
    for index in range(files):
        template, suffix = rng.choice(templates)
        folder = root / "src" / f"pkg{index // 200}"
        folder.mkdir(parents=True, exist_ok=True)
        extra = "".join(EXTRA[suffix].format(n=index, k=k) for k in range(4))
        (folder / f"module_{index}{suffix}").write_text(template.format(n=index) + extra)
    for index in range(files // 2):  # dependencies that must be skipped, not read
        folder = root / "node_modules" / f"dep{index // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"index{index}.js").write_text(DEPENDENCY.format(n=index))
    (root / ".gitignore").write_text("node_modules/\n.env\n")
    (root / "package.json").write_text('{"dependencies": {"express": "^5.1.0", "helmet": "^8.1.0"}}\n')


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build(root, files)
        started = time.perf_counter()
        report = review_tree(root)
        elapsed = time.perf_counter() - started
        size = sum(path.stat().st_size for path in (root / "src").rglob("*") if path.is_file())
    print(
        f"reviewed {report.files_scanned} files ({size / 1e6:.1f} MB) in {elapsed:.2f} s "
        f"({len(report.findings)} findings); target < 5 s"
    )


if __name__ == "__main__":
    main()

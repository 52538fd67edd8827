"""Write what comes from the declaration of the keys (egovnb/core/keys.py): the params keys'
table in README.md and the whole reference in docs/keys.md (each between their markers), and
the JSON Schemas egovnb/core/schemas/params.schema.json and framework.schema.json.
tests/unit/test_keys_reference.py fails when any of them is stale. Run after declaring a key:

    .venv/bin/python tools/keys_reference.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from egovnb.core.keys import PARAMS  # noqa: E402
from egovnb.core.keys_reference import reference, replace_between, table  # noqa: E402
from egovnb.core.keys_schema import FILE_NAMES, schema_text  # noqa: E402

MARKER = "keys"


def generated(root: Path = ROOT) -> dict[Path, str]:
    """Each generated file and the text it should hold now."""
    readme, keys = root / "README.md", root / "docs" / "keys.md"
    files = {
        readme: replace_between(readme.read_text(encoding="utf-8"), MARKER, table(PARAMS)),
        keys: replace_between(keys.read_text(encoding="utf-8"), MARKER, reference()),
    }
    for name, file_name in FILE_NAMES.items():
        files[root / "egovnb" / "core" / "schemas" / file_name] = schema_text(name)
    return files


def main() -> int:
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

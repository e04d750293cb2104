"""One entry point for every benchmark: `python bench/run.py [PART ...]` (no part: all of them).

Each part is a module in bench/ (or `module:function`) with a `main(args) -> int` that writes its own section
of docs/benchmarks.md. Parts skip cleanly where ../shared/eval is absent.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PARTS = {
    # name: module in bench/
    "rouge": "rouge_eval",
    "speed": "speed",
    "startup": "speed:startup_main",
    "digest": "digest",
    "extract": "extract_eval",
    "scale": "scale",
    "fuzz": "fuzz",
    "encoder": "encoder_probe",
}
# Parts that run only when named: `speed` runs start-up too; the encoder needs packages briefer does not.
OPT_IN = ("startup", "encoder")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"parts to run: {', '.join(PARTS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="a small sample of each set, for a smoke run")
    args = parser.parse_args()
    unknown = [name for name in args.parts if name not in PARTS]
    if unknown:
        parser.error(f"unknown part {', '.join(unknown)}: use {', '.join(PARTS)}")
    status = 0
    for name in args.parts or [part for part in PARTS if part not in OPT_IN]:
        module_name, _, function = PARTS[name].partition(":")
        status |= getattr(importlib.import_module(module_name), function or "main")(args)
    return status


if __name__ == "__main__":
    sys.exit(main())

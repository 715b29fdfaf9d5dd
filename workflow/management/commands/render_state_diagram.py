"""Write the SVG picture of the state machine (docs/state-machine.svg by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from workflow.diagram import render_svg

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "docs" / "state-machine.svg"


class Command(BaseCommand):
    help = "Menggambar diagram status dokumen SKJ dari definisi alur kerja (SVG)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=DEFAULT_OUTPUT,
            help=f"Berkas tujuan (bawaan: {DEFAULT_OUTPUT.relative_to(settings.BASE_DIR)}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(render_svg(), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Diagram ditulis ke {output}"))

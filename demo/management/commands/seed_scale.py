"""`manage.py seed_scale`: a large dataset for the benchmarks in bench/ (DESIGN.md section 8)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.scale import ScaleOptions, ScaleResult, seed_scale


class Command(BaseCommand):
    help = (
        "Membuat data skala besar untuk benchmark (instansi 'Instansi Skala NNN'). Jika data skala sudah "
        "ada, hanya menambah kekurangannya sampai jumlah dokumen yang diminta; tidak pernah menghapus."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--submissions", type=int, default=100_000, help="Jumlah dokumen SKJ total.")
        parser.add_argument("--instansi", type=int, default=20, help="Jumlah instansi.")
        parser.add_argument("--opds-per-instansi", type=int, default=25, help="Jumlah OPD per instansi.")
        parser.add_argument(
            "--with-rows",
            action="store_true",
            help="Isi juga baris kompetensi dan persyaratan (13 baris per dokumen).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Benih acak (hasil dapat diulang).")
        parser.add_argument("--batch-size", type=int, default=1000, help="Jabatan per transaksi.")

    def handle(self, *args: Any, **options: Any) -> None:
        if min(options["submissions"], options["instansi"], options["opds_per_instansi"]) < 1:
            raise CommandError("Jumlah dokumen, instansi dan OPD harus paling sedikit 1.")
        scale = ScaleOptions(
            submissions=options["submissions"],
            instansi=options["instansi"],
            opds_per_instansi=options["opds_per_instansi"],
            with_rows=options["with_rows"],
            seed=options["seed"],
            batch_size=max(1, options["batch_size"]),
        )
        self._verbosity = int(options["verbosity"])
        started = time.monotonic()
        result = seed_scale(scale, progress=self._progress)
        self._report(scale, result, time.monotonic() - started)

    def _progress(self, result: ScaleResult) -> None:
        if self._verbosity >= 1:
            self.stdout.write(f"  {result.total} dokumen ...")

    def _report(self, scale: ScaleOptions, result: ScaleResult, seconds: float) -> None:
        if not result.submissions:
            self.stdout.write(
                self.style.WARNING(
                    f"Sudah ada {result.existing} dokumen skala (diminta {scale.submissions}); "
                    "tidak ada yang ditambahkan."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Ditambahkan {result.submissions} dokumen, {result.positions} jabatan, "
                f"{result.log_rows} log transisi dan {result.notifications} notifikasi "
                f"({result.with_content} dokumen dengan baris isi) dalam {seconds:.1f} detik "
                f"(sebelumnya {result.existing}, sekarang {result.total})."
            )
        )

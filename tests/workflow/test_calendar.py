"""Indonesian working days: weekends, national holidays, cuti bersama and administrators' corrections."""

from __future__ import annotations

import datetime

import pytest

from submissions.models import Instansi
from tests.workflow.conftest import new_instansi
from workflow.calendar import add_working_days, is_working_day, statutory_holidays
from workflow.models import CalendarDay

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_holidays_package_knows_lebaran_2026_and_its_cuti_bersama() -> None:
    # The facts the Lebaran tests below rely on, as the installed `holidays` package has them.
    days = statutory_holidays(2026)
    assert "Idul Fitri" in days[D(2026, 3, 21)]
    assert "Idul Fitri" in days[D(2026, 3, 22)]
    for cuti_bersama in (D(2026, 3, 18), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)):
        assert "Cuti Bersama" in days[cuti_bersama]
    assert "Nyepi" in days[D(2026, 3, 19)]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 7, 10), True),  # a Friday
        (D(2026, 7, 11), False),  # a Saturday
        (D(2026, 7, 12), False),  # a Sunday
        (D(2026, 8, 17), False),  # Hari Kemerdekaan, a Monday
        (D(2026, 3, 23), False),  # cuti bersama Idul Fitri, a Monday
        (D(2026, 3, 25), True),  # the first working day after Lebaran
    ],
)
def test_a_day_is_a_working_day_only_on_weekdays_that_are_not_holidays(
    day: datetime.date, working: bool
) -> None:
    assert is_working_day(day) is working


def test_one_working_day_after_a_friday_is_the_next_monday() -> None:
    assert add_working_days(D(2026, 7, 10), 1) == D(2026, 7, 13)


def test_counting_from_a_saturday_starts_on_the_next_working_day() -> None:
    assert add_working_days(D(2026, 7, 11), 1) == D(2026, 7, 13)
    assert add_working_days(D(2026, 7, 11), 2) == D(2026, 7, 14)


def test_zero_working_days_is_the_day_itself_when_it_is_a_working_day() -> None:
    assert add_working_days(D(2026, 7, 13), 0) == D(2026, 7, 13)


def test_zero_working_days_from_a_weekend_is_the_next_working_day() -> None:
    assert add_working_days(D(2026, 7, 11), 0) == D(2026, 7, 13)


def test_counting_backwards_skips_the_weekend() -> None:
    assert add_working_days(D(2026, 7, 15), -2) == D(2026, 7, 13)
    assert add_working_days(D(2026, 7, 13), -1) == D(2026, 7, 10)


def test_one_working_day_after_the_tuesday_before_lebaran_2026_is_the_wednesday_after_it() -> None:
    # 18 Mar cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama, 21-22 Idul Fitri (weekend), 23-24 cuti bersama.
    assert add_working_days(D(2026, 3, 17), 1) == D(2026, 3, 25)


def test_an_administrator_added_national_holiday_is_skipped_everywhere(instansi: Instansi) -> None:
    CalendarDay.objects.create(date=D(2026, 7, 13), is_working_day=False, description="Libur tambahan")
    assert add_working_days(D(2026, 7, 10), 1) == D(2026, 7, 14)
    assert add_working_days(D(2026, 7, 10), 1, instansi.pk) == D(2026, 7, 14)


def test_an_administrator_added_working_saturday_counts(instansi: Instansi) -> None:
    CalendarDay.objects.create(date=D(2026, 7, 11), is_working_day=True, description="Hari kerja pengganti")
    assert add_working_days(D(2026, 7, 10), 1, instansi.pk) == D(2026, 7, 11)


def test_a_revoked_cuti_bersama_becomes_a_working_day() -> None:
    CalendarDay.objects.create(
        date=D(2026, 3, 23), is_working_day=True, description="Cuti bersama dibatalkan"
    )
    assert add_working_days(D(2026, 3, 17), 1) == D(2026, 3, 23)


def test_a_regional_holiday_applies_only_to_its_instansi(instansi: Instansi) -> None:
    other = new_instansi("Pemerintah Kabupaten Batang")
    CalendarDay.objects.create(
        date=D(2026, 7, 13), instansi=instansi, is_working_day=False, description="Hari jadi kota"
    )
    assert add_working_days(D(2026, 7, 10), 1, instansi.pk) == D(2026, 7, 14)
    assert add_working_days(D(2026, 7, 10), 1, other.pk) == D(2026, 7, 13)
    assert add_working_days(D(2026, 7, 10), 1) == D(2026, 7, 13)


def test_the_instansi_correction_wins_over_the_national_one(instansi: Instansi) -> None:
    CalendarDay.objects.create(
        date=D(2026, 7, 13), is_working_day=False, description="Libur nasional tambahan"
    )
    CalendarDay.objects.create(
        date=D(2026, 7, 13), instansi=instansi, is_working_day=True, description="Tetap masuk kerja"
    )
    assert is_working_day(D(2026, 7, 13), instansi.pk) is True
    assert is_working_day(D(2026, 7, 13)) is False


def test_a_long_count_reads_the_corrections_in_one_query(
    instansi: Instansi, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        due = add_working_days(D(2026, 3, 2), 30, instansi.pk)
    # By hand: 3-6, 9-13, 16-17 Mar (11); Lebaran; 25-27, 30-31 Mar, 1-2 Apr (18);
    # Good Friday 3 Apr; 6-10, 13-17 Apr (28); 20, 21 Apr (30).
    assert due == D(2026, 4, 21)


def test_a_count_longer_than_the_first_window_still_finds_the_day() -> None:
    # A month of administrator-declared holidays pushes the count past the first window it loads.
    for offset in range(40):
        day = D(2026, 7, 1) + datetime.timedelta(days=offset)
        CalendarDay.objects.create(date=day, is_working_day=False, description="Libur panjang")
    assert add_working_days(D(2026, 6, 30), 1) == D(2026, 8, 10)

"""What every match of a query must contain, read from PostgreSQL's text of the query."""

from __future__ import annotations

from workflow.search_terms import Part, left_out_parts, required_parts, texts_of


def test_every_word_of_a_plain_query_is_required() -> None:
    assert required_parts("'analis' & 'kebijakan'") == (Part("'analis'"), Part("'kebijakan'"))


def test_a_phrase_is_required_whole() -> None:
    assert required_parts("'s-1' <-> 's' <-> '1' & 'hukum'") == (
        Part("( 's-1' <-> 's' <-> '1' )"),
        Part("'hukum'"),
    )


def test_a_word_left_out_requires_nothing() -> None:
    assert required_parts("'arsip' & !'dinamis'") == (Part("'arsip'"),)
    assert required_parts("!'dinamis'") == ()


def test_one_side_of_an_or_is_required_and_each_side_keeps_its_words() -> None:
    either = required_parts("( 'a' & 'b' ) | 'c'")

    assert either == (Part(either=((Part("'a'"), Part("'b'")), (Part("'c'"),))),)
    assert texts_of(either) == ["'a'", "'b'", "'c'"]


def test_an_or_with_a_side_that_requires_nothing_requires_nothing() -> None:
    assert required_parts("'a' | !'b'") == ()


def test_a_phrase_with_a_word_left_out_requires_nothing_of_its_own() -> None:
    assert required_parts("'a' <-> !'b' & 'c'") == (Part("'c'"),)


def test_quotes_and_prefixes_stay_as_postgresql_wrote_them() -> None:
    assert required_parts("'jum''at':* & 'x'") == (Part("'jum''at':*"), Part("'x'"))


def test_an_empty_query_requires_nothing() -> None:
    assert required_parts("") == ()
    assert texts_of(()) == []


def test_only_a_word_left_out_makes_the_parts_say_less_than_the_query() -> None:
    assert left_out_parts("'arsip' & !'dinamis'") != ()
    assert left_out_parts("'arsip' & ( 'a' | 'b' ) & 's-1' <-> 's'") == ()
    assert left_out_parts("'it''s!'") == ()  # inside a word, not an operator


def test_words_left_out_at_the_top_level_are_parts_no_match_may_contain() -> None:
    assert left_out_parts("'arsip' & !'dinamis'") == (Part("'dinamis'"),)
    assert left_out_parts("!'a' & !'b':*") == (Part("'a'"), Part("'b':*"))
    assert left_out_parts("!( 'kesehatan' <-> 'masyarakat' ) & 'kepala'") == (
        Part("( 'kesehatan' <-> 'masyarakat' )"),
    )


def test_a_query_leaving_nothing_out_has_no_parts_left_out() -> None:
    assert left_out_parts("'a' | 'b'") == ()
    assert left_out_parts("'a' <-> 'b' & 'c'") == ()
    assert left_out_parts("") == ()


def test_a_word_left_out_anywhere_but_the_top_level_needs_the_joined_words() -> None:
    assert left_out_parts("'a' | !'b'") is None  # under an OR
    assert left_out_parts("'a' & ( 'b' | !'c' )") is None
    assert left_out_parts("'a' <-> !'b' & 'c'") is None  # inside a phrase
    assert left_out_parts("!( 'a' & 'b' )") is None  # over a group of words
    assert left_out_parts("!( 'a' ) <-> ( 'b' )") is None  # over the first half of a phrase
    assert left_out_parts("!!'a'") is None

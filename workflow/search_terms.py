"""What every match of a full-text query must contain, read from PostgreSQL's text of the query.

A document is searched by its own vector joined with those of its two lists (submissions
migration 0015), and the join has no index. So workflow.search narrows the documents first with a
condition that every match meets and that the indexes answer: for each part of the query that a
match must contain (a word, a prefix, a phrase), "its own vector has it, or its competency list
has it, or its requirement list has it". This module finds those parts in the tree of
`websearch_to_tsquery(...)::text`: the operands of a top-level AND, through OR (one of its sides
must hold), never under NOT. A phrase stays whole: its words stand next to each other in one text.
Without a NOT the parts say exactly what a match has, and the join is not needed.
Nor is it for a NOT over one part at the top level (`'a' & !'b'`, `!( 'c' <-> 'd' )`): a match has
none of the three places containing that part (`left_out_parts`). Only a NOT elsewhere (under an
OR, inside a phrase, over a group of words) needs the joined words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# PostgreSQL's text form of a tsquery: quoted lexemes (a quote doubled inside), each with optional
# flags (`:*` prefix, weights), the operators ! & | <-> <N>, and parentheses.
_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*'(?::[*A-Da-d]+)?)|(<\d+>|<->)|([!&|()]))")


@dataclass(frozen=True)
class Part:
    """What a match must contain: `text` (a tsquery) in one place, or else all of one of `either`."""

    text: str = ""
    either: tuple[tuple[Part, ...], ...] = ()


Required = tuple[Part, ...]  # every part must hold (an AND); none: nothing is required

_NESTING = {"(": 1, ")": -1}  # how a token changes the depth of parentheses


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    # Precedence as PostgreSQL's: ! binds tightest, then the phrase operators, then &, then |.
    def any_of(self) -> tuple[Required, str]:
        sides = [self.all_of()]
        while self.peek() == "|":
            self.take()
            sides.append(self.all_of())
        if len(sides) == 1:
            return sides[0]
        text = " | ".join(f"( {side_text} )" for _, side_text in sides)
        if any(not required for required, _ in sides):
            return (), text  # one side requires nothing, so neither does the whole
        return (Part(either=tuple(required for required, _ in sides)),), text

    def all_of(self) -> tuple[Required, str]:
        required, text = self.phrase()
        parts, texts = list(required), [text]
        while self.peek() == "&":
            self.take()
            required, text = self.phrase()
            parts += required
            texts.append(text)
        return tuple(parts), " & ".join(texts)

    def phrase(self) -> tuple[Required, str]:
        required, text = self.unary()
        texts, whole = [text], bool(required)
        while (token := self.peek()) is not None and token.startswith("<"):
            self.take()
            required, text = self.unary()
            texts += [token, text]
            whole = whole and bool(required)
        if len(texts) == 1:
            return required, text
        joined = " ".join(texts)
        return ((Part(text=f"( {joined} )"),) if whole else ()), f"( {joined} )"

    def unary(self) -> tuple[Required, str]:
        token = self.take()
        if token == "!":
            _required, text = self.unary()
            return (), f"!{text}"
        if token == "(":
            required, text = self.any_of()
            self.take()  # ")"
            return required, f"( {text} )"
        return (Part(text=token),), token


def _tokens(text: str) -> list[str]:
    tokens, at = [], 0
    while at < len(text.rstrip()):
        found = _TOKEN.match(text, at)
        if found is None:
            raise ValueError(f"not a tsquery: {text!r}")
        tokens.append(next(group for group in found.groups() if group))
        at = found.end()
    return tokens


def required_parts(tsquery_text: str) -> Required:
    """The parts every match of this query (PostgreSQL's text of a tsquery) must contain."""
    if not tsquery_text.strip():
        return ()
    parser = _Parser(tsquery_text)
    required, _text = parser.any_of()
    return required


def texts_of(required: Required) -> list[str]:
    """Every text (a tsquery) of the parts, once each, in order."""
    texts: list[str] = []
    for part in required:
        found = [part.text] if not part.either else [t for side in part.either for t in texts_of(side)]
        texts += [text for text in found if text not in texts]
    return texts


def left_out_parts(tsquery_text: str) -> Required | None:
    """The parts a match must not contain, where each NOT stands over one part (a word, a prefix,
    a phrase) as an operand of the query's top-level AND; None where a NOT stands anywhere else.
    A query with no NOT leaves nothing out: its required parts say all that a match has."""
    tokens = _tokens(tsquery_text)
    if "!" not in tokens:
        return ()
    operands: list[list[str]] = [[]]
    depth = 0
    for token in tokens:
        depth += _NESTING.get(token, 0)
        if depth == 0 and token == "&":
            operands.append([])
        elif depth == 0 and token == "|":
            return None
        else:
            operands[-1].append(token)
    parts: list[Part] = []
    for operand in operands:
        if "!" not in operand:
            continue
        if operand[0] != "!" or "!" in operand[1:] or not _one_unit(operand[1:]):
            return None
        required, _text = _Parser(" ".join(operand[1:])).any_of()
        if len(required) != 1 or required[0].either:
            return None
        parts.append(required[0])
    return tuple(parts)


def _one_unit(tokens: list[str]) -> bool:
    """Whether `tokens` are one word, or one group in parentheses (what a NOT in front covers)."""
    if len(tokens) == 1:
        return tokens[0] not in {"!", "&", "|", "(", ")"} and not tokens[0].startswith("<")
    if not tokens or tokens[0] != "(" or tokens[-1] != ")":
        return False
    depth = 0
    for token in tokens[:-1]:
        depth += _NESTING.get(token, 0)
        if depth == 0:
            return False  # the first group closes before the end: `( a ) <-> ( b )`
    return True

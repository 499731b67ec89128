"""English wording for generated text: an article before a noun, sentence case."""

from __future__ import annotations


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"

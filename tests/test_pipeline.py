"""Steps declare what they need; a mis-ordered pipeline fails when built."""

from __future__ import annotations

import pytest

from babelwire.article import Article, canonical_url
from babelwire.errors import PipelineError
from babelwire.language import LanguageStep
from babelwire.pipeline import FunctionStep, Pipeline


def test_misordered_pipeline_fails_at_build_time() -> None:
    needs_lang = FunctionStep("needs-lang", lambda a: a, requires=frozenset({"lang"}))
    with pytest.raises(PipelineError, match="needs-lang.*lang"):
        Pipeline([needs_lang, LanguageStep()])
    Pipeline([LanguageStep(), needs_lang])  # the right order builds


def test_pipeline_runs_steps_in_order() -> None:
    p = Pipeline([LanguageStep(), FunctionStep("upper", lambda a: (setattr(a, "title", a.title.upper()), a)[1], requires=frozenset({"lang"}))])
    out = p([Article(text="Rais wa Kenya alisema kwamba serikali itaendelea na mpango huo wa maji.", title="habari")])
    assert out[0].lang == "sw" and out[0].title == "HABARI"


def test_identity_from_canonical_url_or_content() -> None:
    a = Article(text="x y z", url="https://WWW.Example.org/news/1/?utm_source=rss#top").identify()
    b = Article(text="other text", url="https://example.org/news/1").identify()
    assert a.id == b.id  # same canonical URL, one article
    c = Article(text="Same  text.").identify()
    d = Article(text="same text").identify()
    assert c.id == d.id and c.content_hash == d.content_hash
    assert canonical_url("javascript:alert(1)") is None

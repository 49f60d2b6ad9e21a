"""feeds.extract.ner: the shipped entity model loads once, tags names the rules miss, and
its absence leaves the rules working; the decoding and the runs it tags."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest

import feeds.extract
from feeds.extract import extract, ner
from feeds.extract.ner_features import segments, sentence_features, shape
from feeds.extract.sentences import token_texts, tokens
from feeds.model import Article


def _entities(text: str) -> list[tuple[str, str]]:
    model = ner.recogniser()
    assert model is not None
    return [(text[a:b], kind) for a, b, kind in model.entities_of(text)]


def _actors(text: str) -> dict[str, str]:
    x = extract(Article(key="k", source_name="s", title="", text=text, content_hash="h"))
    return {a.name: a.kind for a in x.actors}


def test_the_shipped_model_loads_once_per_process() -> None:
    assert ner.MODEL_PATH.is_file()
    assert ner.MODEL_PATH.stat().st_size < 25_000_000
    assert ner.recogniser() is ner.recogniser() is not None


def test_people_bodies_and_places_of_plain_news() -> None:
    text = ("Angela Merkel met Emmanuel Macron in Berlin on Tuesday to discuss the budget of "
            "the European Union.")
    assert _entities(text) == [("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"),
                               ("Berlin", "LOC"), ("European Union", "ORG")]
    assert _entities("Economists at Deutsche Bank expect the Federal Reserve to cut rates.") == [
        ("Deutsche Bank", "ORG"), ("Federal Reserve", "ORG")]


def test_names_unknown_to_every_list_are_found() -> None:
    text = "The chair of the committee, Maria Gonzalez, told Reuters the vote was delayed."
    assert _entities(text) == [("Maria Gonzalez", "PER"), ("Reuters", "ORG")]
    assert _actors(text) == {"Maria Gonzalez": "person", "Reuters": "organization"}


def test_a_headline_in_capitals_is_read_too() -> None:
    assert _entities("JAPAN BEAT SYRIA IN ASIAN CUP.") == [
        ("JAPAN", "LOC"), ("SYRIA", "LOC"), ("ASIAN CUP", "MISC")]


def test_without_the_model_the_rules_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Neighbors said Mayor Tom Bell of Springfield met the Red Cross on Friday."
    monkeypatch.setattr(feeds.extract, "recogniser", lambda: None)
    rules = _actors(text)
    assert rules["Tom Bell"] == "person" and "Red Cross" in rules


def test_a_missing_or_broken_model_file_falls_back_with_one_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "ner.crfsuite"
    broken.write_bytes(b"not a model")
    with caplog.at_level(logging.WARNING, logger="feeds.extract.ner"):
        assert ner.recogniser(tmp_path / "absent.crfsuite") is None
        assert ner.recogniser(broken) is None
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert all("rules only" in m and "tools/train_ner.py" in m for m in messages)


def test_without_python_crfsuite_the_model_is_off(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)  # import fails
    assert ner.recogniser(tmp_path / "any.crfsuite") is None


def _spans(text: str, tags: list[str]) -> list[tuple[str, str]]:
    toks = tokens(text)
    return [(text[a:b], kind) for a, b, kind in ner.spans_of(toks, tags)]


def test_bio_tags_decode_to_spans() -> None:
    text = "Mr Jean Paul Riviere of Air France flew to Lyon"
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC"]
    assert _spans(text, tags) == [("Jean Paul Riviere", "PER"), ("Air France", "ORG"),
                                  ("Lyon", "LOC")]
    # an I- after O or after another type opens an entity; B- after B- splits
    assert _spans("Lyon Paris Rome", ["I-LOC", "B-LOC", "I-ORG"]) == [
        ("Lyon", "LOC"), ("Paris", "LOC"), ("Rome", "ORG")]


def test_runs_tagged_are_capitalised_words_and_the_token_before() -> None:
    words = token_texts("The mayor of Tulsa, G. T. Bynum, said on Tuesday that it rained")
    assert segments(words) == [range(2, 10)]  # "Tuesday", like "The", is a function word
    words = token_texts("the Bank of England, said the Bank of France")
    assert segments(words) == [range(0, 4), range(6, 10)]  # up to two tokens between
    assert segments(token_texts("it rained all day")) == []
    assert segments(["He", "said"]) == []  # capitalised function words mark nothing


def test_features_read_the_word_its_neighbours_the_gazetteer_and_the_line() -> None:
    words = ["Police", "in", "Tulsa", "said"]
    [[tulsa]] = sentence_features(words, [range(2, 3)])
    assert {"bias", "w=tulsa", "sh=Xx", "s3=lsa", "gz=B-place", "-2w=police", "-2sh=Xx",
            "-1w=in", "-1sh=x", "1w=said", "1sh=x", "2edge"} <= set(tulsa)
    assert not {"start", "caps", "-2edge", "1edge"} & set(tulsa)
    [[police], [said]] = sentence_features(words, [range(0, 1), range(3, 4)])
    assert "start" in police and "-2edge" in police and "say" in said
    [[tulsa_in_capitals]] = sentence_features(["POLICE", "IN", "TULSA"], [range(2, 3)])
    assert {"caps", "gz=B-place", "w=tulsa"} <= set(tulsa_in_capitals)
    assert shape("McDonald's") == "XxXx'x" and shape("1996") == "d" and shape("U.S.") == "X.X."
    assert shape("Zürich-2") == "Xx-d" and shape("ÉCOLE") == "X"  # not ASCII: the slow way


def test_training_is_deterministic_on_a_small_set(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"
    if not (data / "conll03-train.jsonl").exists():
        pytest.skip("CoNLL-2003 data not beside the repository")
    pytest.importorskip("pycrfsuite")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_ner

    docs = train_ner.load(data / "conll03-train.jsonl")[:20]
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train_ner.train(docs, first, "lbfgs")
    train_ner.train(docs, second, "lbfgs")
    assert first.read_bytes() == second.read_bytes()
    assert re.fullmatch(r"[BI]-(PER|ORG|LOC|MISC)|O", train_ner.label(
        tokens("Reuters"), [{"start": 0, "end": 7, "type": "ORG"}])[0])


def test_no_entity_opens_or_ends_on_punctuation() -> None:
    assert _spans("by A . Smith .", ["O", "O", "B-PER", "I-PER", "I-PER"]) == [("Smith", "PER")]
    assert _spans("J . Smith said", ["B-PER", "I-PER", "I-PER", "O"]) == [("J . Smith", "PER")]
    assert _spans("Chester - le", ["O", "B-LOC", "I-LOC"]) == [("le", "LOC")]

"""Pipeline construction, per-document error policy, registries."""

from __future__ import annotations

import pytest

from newsdesk.errors import ConfigError, InputError, PipelineError, StageError
from newsdesk.model import Article, Failure, Origin
from newsdesk.pipeline import Pipeline, available_stages
from newsdesk.registry import Registry, stages


def _art(i: str, text: str = "Some text.") -> Article:
    return Article(id=i, text=text, origin=Origin("mem", "text"))


@pytest.fixture
def temp_stages() -> object:
    names: list[str] = []

    def add(name: str, fn: object, **meta: object) -> None:
        stages.add(name, fn, **meta)
        names.append(name)

    yield add
    for n in names:
        stages.remove(n)


def test_builtin_structure_stage_is_registered() -> None:
    assert "structure" in available_stages()


def test_misordered_pipeline_fails_at_construction(temp_stages: object) -> None:
    temp_stages("t_needs_x", lambda a, c: a, requires=("x",), provides=())  # type: ignore[operator]
    temp_stages("t_gives_x", lambda a, c: a, requires=(), provides=("x",))  # type: ignore[operator]
    with pytest.raises(PipelineError, match="t_needs_x"):
        Pipeline(["t_needs_x", "t_gives_x"])
    Pipeline(["t_gives_x", "t_needs_x"])  # the right order builds


def test_unknown_stage() -> None:
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline(["no_such_stage"])


def test_duplicate_registration_is_refused() -> None:
    reg: Registry[int] = Registry("thing")
    reg.add("a", 1)
    with pytest.raises(ConfigError):
        reg.add("a", 2)
    reg.add("a", 3, replace=True)
    assert reg.get("a").obj == 3


def _boom(article: Article, context: object) -> Article:
    if article.id == "bad":
        raise ValueError("cannot handle this one")
    return article


def test_error_policy_record_keeps_other_documents(temp_stages: object) -> None:
    temp_stages("t_boom", _boom)  # type: ignore[operator]
    items: list[Article | Failure] = [_art("a"), _art("bad"), Failure("empty", "is empty", "f.txt", "f.txt"), _art("c")]
    out = list(Pipeline(["t_boom"], on_error="record").pipe(items))
    assert [type(o).__name__ for o in out] == ["Article", "Failure", "Failure", "Article"]
    fail = out[1]
    assert isinstance(fail, Failure) and fail.id == "bad" and "t_boom" in fail.message and fail.kind == "stage"


def test_error_policy_skip_and_raise(temp_stages: object) -> None:
    temp_stages("t_boom", _boom)  # type: ignore[operator]
    items = [_art("a"), _art("bad"), _art("c")]
    assert [a.id for a in Pipeline(["t_boom"], on_error="skip").pipe(items)] == ["a", "c"]  # type: ignore[union-attr]
    with pytest.raises(StageError):
        list(Pipeline(["t_boom"], on_error="raise").pipe(items))
    with pytest.raises(InputError):
        list(Pipeline(["t_boom"], on_error="raise").pipe([Failure("empty", "is empty", "f", "f")]))


def test_stage_must_return_article(temp_stages: object) -> None:
    temp_stages("t_none", lambda a, c: None)  # type: ignore[operator]
    with pytest.raises(StageError, match="returned NoneType"):
        Pipeline(["t_none"]).run(_art("a"))


def test_pipe_is_lazy(temp_stages: object) -> None:
    seen: list[str] = []

    def track(article: Article, context: object) -> Article:
        seen.append(article.id)
        return article

    temp_stages("t_track", track)  # type: ignore[operator]

    def gen() -> object:
        for i in range(1000):
            yield _art(str(i))

    it = Pipeline(["t_track"]).pipe(gen())  # type: ignore[arg-type]
    next(it)
    assert seen == ["0"]


def test_stages_are_recorded_as_provenance() -> None:
    art = Pipeline(["structure"]).run(_art("a", "Heading\nBody text here.\n"))
    assert art.stages == ["structure"]


def test_long_lived_data_frozen_once_when_a_second_chunk_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from newsdesk import pipeline as pl

    calls: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    monkeypatch.setattr(pl, "_FROZEN", [])
    p = Pipeline(["structure", "entities"], batch_size=2)
    arts = [Article(id=f"a{i}", text=f"Text {i}.", origin=Origin("t", "text")) for i in range(5)]
    assert len(list(p.pipe(arts[:2]))) == 2
    assert calls == []  # one chunk: nothing to gain
    assert len(list(p.pipe(arts))) == 5
    assert calls == [1]
    assert len(list(p.pipe(arts))) == 5
    assert calls == [1]  # once per process

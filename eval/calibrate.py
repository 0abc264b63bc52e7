"""Fit the answer/decline decision on labelled questions: ``python -m eval.calibrate``.

For every question of the tuning files, the assistant answers as it would for a user and
the decision's signals (see ``assistant/decision.py``) are recorded with the label
``answerable``. A logistic regression (scikit-learn, its regularisation chosen by
cross-validation) over them gives the weights; the
threshold is the one with the best balanced accuracy among those refusing at most 5 % of
the answerable tuning questions, judged on held-out predictions (each writing batch
predicted by a model fitted without it). The model is written to ``knowledge/decision.json``, then
precision and recall of "answerable" (the share of answered questions that were
answerable; the share of answerable questions answered) are printed for the tuning files
and for the checking file, which took no part in the fit.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from pathlib import Path

from assistant.decision import FEATURES, DecisionModel
from assistant.service import Assistant

from .build_sets import SOURCE, batches
from .library import evaluation_settings
from .questions import load_questions

HERE = Path(__file__).resolve().parent
TUNING = [HERE / "sets" / "tune.jsonl", HERE / "dev.jsonl", HERE / "dev-natural.jsonl"]
CHECKING = HERE / "sets" / "check.jsonl"
MAX_FALSE_REFUSALS = 0.05  # the target; the held-out predictions stand for questions nobody tuned for


def signals(assistant: Assistant, path: Path) -> list[tuple[dict[str, float], bool, bool]]:
    """(features, answerable, gates) for each question of ``path``; ``gates``: the hard
    conditions of the decision hold, so that the model's verdict is the pipeline's."""
    out = []
    for question in load_questions(path).questions:
        answer = assistant.ask(question.question, question.history, top_k=10)
        query = assistant.analyse(question.question, question.history)
        verdict = assistant.assess(query, answer)
        out.append((verdict.features, question.answerable, verdict.gates))
    return out


def writing_groups(paths: list[Path]) -> list[str]:
    """For each question of ``paths`` (in order), the session it was written in: the batch of
    the project's own sets, else its file. Folds hold out whole groups."""
    written = batches(SOURCE.read_text(encoding="utf-8").splitlines()) if SOURCE.is_file() else {}
    groups = []
    for path in paths:
        for question in load_questions(path).questions:
            batch = written.get(question.id) if path.parent == SOURCE.parent else None
            groups.append(f"batch {batch}" if batch else path.name)
    return groups


def choose_threshold(probabilities: list[float], labels: list[bool], gates: list[bool] | None = None,
                     tolerance: float = 0.02) -> float:
    """The lowest threshold whose balanced accuracy is within ``tolerance`` of the best among
    those that refuse ≤ 5 % of the answerable: near the best, balanced accuracy is flat (and
    moves by about a point between runs, the nearest-neighbour search being approximate), so
    thresholds that close are taken as equal, and the lowest of them refuses fewest. A
    question whose ``gates`` fail is refused whatever the threshold. Pure function."""
    positives = sum(labels) or 1
    negatives = (len(labels) - sum(labels)) or 1
    gates = gates or [True] * len(labels)
    scored: list[tuple[float, float]] = []
    for threshold in sorted({round(p, 3) for p in probabilities} | {0.5}):
        if not 0.0 < threshold < 1.0:
            continue
        answered = [p >= threshold and g for p, g in zip(probabilities, gates)]
        refused_ok = sum(1 for a, y in zip(answered, labels) if not a and not y) / negatives
        answered_ok = sum(1 for a, y in zip(answered, labels) if a and y) / positives
        if 1 - answered_ok > MAX_FALSE_REFUSALS and scored:
            continue
        scored.append((threshold, (refused_ok + answered_ok) / 2))
    if not scored:
        return 0.5
    best = max(score for _, score in scored)
    return next(threshold for threshold, score in scored if score >= best - tolerance)


def fit(rows: list[tuple[dict[str, float], bool, bool]], groups: list[str] | None = None) -> DecisionModel:
    """Logistic regression over the signals; its regularisation chosen by 5-fold cross-validation
    on balanced accuracy (fewer folds when a class is small), its threshold on held-out
    predictions: each writing group (``groups``) predicted by a model fitted without it, so
    that the threshold is set on wording the model has not seen."""
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict

    x = [[features[name] for name in FEATURES] for features, _, _ in rows]
    y = [label for _, label, _ in rows]
    folds = max(2, min(5, sum(y), len(y) - sum(y)))
    with warnings.catch_warnings():  # scikit-learn 1.9 announces API changes of this estimator
        warnings.simplefilter("ignore", FutureWarning)
        model = LogisticRegressionCV(Cs=[0.1, 0.3, 1.0, 3.0, 10.0, 30.0], cv=folds, scoring="balanced_accuracy",
                                     class_weight="balanced", max_iter=2000).fit(x, y)
        # the threshold is chosen on held-out probabilities: in-sample ones are too sure of
        # questions the model was fitted on, and the threshold must hold on questions it was not
        held_out = LogisticRegression(C=float(model.C_[0]), class_weight="balanced", max_iter=2000)
        splits = LeaveOneGroupOut() if groups and len(set(groups)) >= 3 else folds
        predicted = cross_val_predict(held_out, x, y, cv=splits, groups=groups, method="predict_proba")
    threshold = choose_threshold([float(p[1]) for p in predicted], y, [gate for _, _, gate in rows])
    return DecisionModel(dict(zip(FEATURES, (round(float(w), 4) for w in model.coef_[0]))),
                         round(float(model.intercept_[0]), 4), threshold)


def answered_metrics(assistant: Assistant, path: Path) -> dict[str, float]:
    """Precision and recall of "answerable" for the whole pipeline on ``path``."""
    answered = correct = positives = 0
    for question in load_questions(path).questions:
        refused = assistant.ask(question.question, question.history, top_k=10).refused
        positives += question.answerable
        answered += not refused
        correct += (not refused) and question.answerable
    return {"precision": round(correct / answered, 3) if answered else 0.0,
            "recall": round(correct / positives, 3) if positives else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, nargs="*", default=TUNING)
    parser.add_argument("--check", type=Path, default=CHECKING)
    parser.add_argument("--out", type=Path, default=HERE.parent / "knowledge" / "decision.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = evaluation_settings(Path(tmp))
        settings.knowledge_dir.joinpath("decision.json").unlink(missing_ok=True)  # fit from the default model
        assistant = Assistant.from_settings(settings, progress=False)
        rows = [row for path in args.questions for row in signals(assistant, path)]
        model = fit(rows, writing_groups(args.questions))
        args.out.write_text(json.dumps({"weights": model.weights, "bias": model.bias, "threshold": model.threshold,
                                        "trained_on": [p.name for p in args.questions], "questions": len(rows)},
                                       ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        assistant.decision = model
        assistant.refresh()
        report = {path.name: answered_metrics(assistant, path) for path in [*args.questions, args.check]}
    print(json.dumps({"model": str(args.out), "threshold": model.threshold, "answerable": report}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

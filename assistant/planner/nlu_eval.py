"""Train the intent model from the catalogue and measure it on the NLU splits in evals/nlu/.

`python app.py nlu train` writes planner/intent_model.bin; `python app.py eval nlu` prints accuracy per intent
and language on the held-out test split, the confusion pairs, out-of-scope and ambiguity handling, and gates CI.
Training reads the catalogue and the tuning splits by earlier writers (every split but the held-out and calibration
ones: each measured first, when new, then learnt from). The calibration splits (dev16 … dev18, by writers who never saw the project) chose the model
and choose its threshold; they and the test split are never trained on, and the test split is never used to tune.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from assistant.planner.catalogue import catalogue_hash, load_intents
from assistant.planner.classifier import (
    FOLLOWUP,
    MODEL_FILE,
    IntentModel,
    Names,
    is_followup,
    mask,
    names_of,
    save_model,
    train,
)
from assistant.planner.nlu import _find_names, understand
from assistant.planner.route import decide
from assistant.planner.route import model as planner_model
from assistant.planner.shorthand import expand
from assistant.planner.slots import call_for
from tools.shared.lookup import catalogue_vocabulary

SPLITS = Path(__file__).resolve().parents[2] / "evals" / "nlu"
# Never trained on: the held-out test split, the ambiguous set, and the calibration splits that choose the threshold.
CALIBRATION = ("dev16", "dev17", "dev18")
NEVER_TRAINED = frozenset({"test", "ambiguous", *CALIBRATION})
# Tuning splits written after the last retrain: measured with the shipped model (their first measure, in their
# header), read by the rules they showed to be missing, and learnt from at the next retrain (by taking them out here).
MEASURED_FIRST = frozenset({"dev156", "dev157", "dev158", "dev159", "dev160", "dev161", "dev162", "dev163", "dev164",
                            "dev165", "dev166", "dev167", "dev168", "dev169", "dev170", "dev171", "dev172", "dev173",
                            "dev174", "dev175", "dev176", "dev177", "dev178", "dev179", "dev180", "dev181", "dev182",
                            "dev183", "dev184", "dev185"})


def shipped_names() -> Names:
    """The names of the shipped role profiles and metrics (training masks these; answering masks the database's)."""
    return names_of(catalogue_vocabulary())


def training_set(names: Names, *, splits: bool = True) -> tuple[list[str], list[str]]:
    """Masked examples and their intents: the catalogue's and (unless `splits` is false) the tuning splits'."""
    examples = [(e, i.name) for i in load_intents() for e in (*i.examples_en, *i.examples_zh)]
    # A message read after another question is left out: its words alone do not say its intent.
    examples += [(item["text"], item["intent"]) for split in (trained_splits() if splits else ())
                 for item in load_split(split) if not item.get("after")]
    texts = [mask(text, names) for text, _ in examples]
    return texts, [FOLLOWUP if is_followup(m) else intent for m, (_, intent) in zip(texts, examples)]


def trained_splits() -> list[str]:
    """Tuning splits learnt from (a new one is measured with the shipped model first, then learnt from)."""
    return [s for s in split_names() if s not in NEVER_TRAINED | MEASURED_FIRST]


def splits_hash() -> str:
    """Changes whenever a split learnt from does: the trained model records it beside the catalogue's hash."""
    digest = hashlib.sha256()
    for split in trained_splits():
        digest.update(split.encode())
        digest.update((SPLITS / f"{split}.yaml").read_bytes())
    return digest.hexdigest()[:16]


def split_names() -> list[str]:
    """The routed splits in evals/nlu/ (test first); ambiguous.yaml is measured beside each."""
    return sorted((p.stem for p in SPLITS.glob("*.yaml") if p.stem != "ambiguous"), key=lambda n: (n != "test", n))


def load_split(name: str | Path) -> list[dict]:
    """A split by name (evals/nlu/<name>.yaml) or a file of messages in the same format (a company's messages.yaml)."""
    path = Path(name) if str(name).endswith(".yaml") else SPLITS / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def choose_threshold(model: IntentModel, names: Names, target: float = 0.97) -> float:
    """The lowest confidence at which the calibration splits' routed messages are right at least `target` of the
    time."""
    scored = []
    for item in (item for split in CALIBRATION for item in load_split(split)):
        (intent, p), *_ = model.probabilities(mask(item["text"], names))
        scored.append((p, intent == item["intent"]))
    for t in [x / 100 for x in range(20, 80)]:
        routed = [ok for p, ok in scored if p >= t]
        if routed and sum(routed) / len(routed) >= target:
            return t
    return 0.8


def build(progress=print, path: Path = MODEL_FILE) -> IntentModel:
    names = shipped_names()
    texts, labels = training_set(names)
    progress(f"training on {len(texts)} examples, {len(set(labels))} classes…")
    data = train(texts, labels)
    data.update(catalogue_hash=catalogue_hash(), splits_hash=splits_hash(), threshold=0.0)
    model = IntentModel(data)  # as shipped: the threshold is chosen on the packed weights
    model.threshold = choose_threshold(model, names)
    save_model(model, path)
    progress(f"threshold {model.threshold:.2f} (chosen on {', '.join(CALIBRATION)}); {len(model.features)} features")
    return model


def evaluate(split: str | Path = "test", *, vocab: Any = None) -> dict:
    """How the planner routes each message of a split (rules, then the classifier, as in a chat turn): accuracy
    per intent and language, confusions, how many it asks back, ambiguous messages caught, latency. `vocab`: another
    company's roles, competencies and metrics (`nlu company`), instead of the shipped catalogue's."""

    company = vocab is not None
    vocab, now = vocab or catalogue_vocabulary(), datetime(2026, 11, 15)
    per = defaultdict(lambda: [0, 0])
    confusions: Counter = Counter()
    routed_ok = asked = offered = 0
    test = load_split(split)

    def route(text: str, after: str | None = None):
        """As in a chat turn; `after`: the question this one follows ("And for Sales Manager?" needs one)."""
        previous = None
        if after:
            previous = route(after)[0]
            previous = None if previous == "clarify" else previous  # asked back: no tool ran, as in a chat
        text = expand(text)  # as the planner reads a message
        u = understand(text, vocab, now)
        if u.intent == "refuse":
            return "refuse", 1.0, []
        d = decide(text, u, vocab, previous_tool=previous if previous not in (None, "refuse", "help", "out_of_scope") else None)
        if u.refusal and (d.intent in ("help", "out_of_scope") or d.intent == "clarify" and u.refusal != "language"):
            return "refuse", 1.0, []  # declined in the chat, as planner/model.py does ("the mobile number of C003318")
        return d.intent, d.confidence, d.options

    for item in test:
        intent, p, options = route(item["text"], item.get("after"))
        if intent == "clarify":
            asked += 1
            offered += item["intent"] in options[1:]  # not the first reading, but one of those offered
            intent = options[0] if options else "out_of_scope"
        # A request Candor declines (a candidate's contact details, rejection on facial signals) is outside its scope:
        # answered without a tool, with what it does instead.
        ok = intent == item["intent"] or intent == "refuse" and item["intent"] == "out_of_scope"
        per[(item["intent"], item["lang"])][0] += ok
        per[(item["intent"], item["lang"])][1] += 1
        if not ok:
            confusions[(item["intent"], intent)] += 1
        routed_ok += ok
    ambiguous = load_split("ambiguous")

    def asks_back(text: str) -> bool:
        """Answered with a question or with what Candor can do: clarify, help, out of scope, or a tool that
        cannot run without a slot the message does not give ("feedback" → "for which interview?")."""
        intent = route(text)[0]
        if intent in ("clarify", "out_of_scope", "help"):
            return True
        call = call_for(intent, text, understand(text, vocab, now))
        if isinstance(call, dict):
            return call.get("error") == "slot_needed"
        # "which role?" (planner), "say whose feedback to draft" (draft_feedback's target_needed)
        return call.needs_role and "role" not in call.args or call.tool == "draft_feedback" and not call.args

    caught = None if company else sum(1 for a in ambiguous if asks_back(a["text"]))  # written for the catalogue
    timings = []
    for item in test[:200]:
        start = time.perf_counter()
        route(item["text"], item.get("after"))
        timings.append((time.perf_counter() - start) * 1000)
    by_lang = {lang: _ratio(sum(v[0] for (i, lg), v in per.items() if lg == lang),
                            sum(v[1] for (i, lg), v in per.items() if lg == lang)) for lang in ("en", "zh")}
    return {"accuracy": by_lang, "per_intent": {f"{i}|{lg}": _ratio(*v) for (i, lg), v in sorted(per.items())},
            "confusions": [(g, p, n) for (g, p), n in confusions.most_common()], "asked_back": asked,
            "routed": len(test) - asked, "top_reading_accuracy": _ratio(routed_ok, len(test)),
            "offered_not_first": offered,
            "ambiguous_caught": None if caught is None else _ratio(caught, len(ambiguous)),
            "threshold": planner_model().threshold,
            "latency_ms_p50": round(statistics.median(timings), 3), "n_test": len(test),
            "slot_accuracy": slot_report(split, vocab=vocab)}


def slot_report(split: str | Path = "test", *, vocab: Any = None) -> dict:
    """Per slot: how often the planner fills it as expected where the split expects it, and how often it fills
    one the message does not have (spurious). Ids are read as the tool call would read them."""

    vocab, now = vocab or catalogue_vocabulary(), datetime(2026, 11, 15)
    role_names = {r.key: r.name_en.lower() for r in vocab.roles}
    ok: Counter = Counter()
    expected: Counter = Counter()
    spurious: Counter = Counter()
    for item in load_split(split):
        if item["intent"] in ("help", "out_of_scope"):
            continue  # they take no slots
        want = item.get("slots") or {}
        text = expand(item["text"])
        u = understand(text, vocab, now)
        call = call_for(item["intent"], text, u)
        args = call.args if not isinstance(call, dict) else {}
        got = {"role": _role_read(u, vocab, role_names), "period": u.period,
               "competency": (u.competency or "").lower() or None, "candidate": args.get("candidate"),
               "interview": args.get("interview"), "draft": args.get("draft_id"), "proposal": args.get("proposal_id"),
               "request": args.get("request_id")}
        for slot, value in got.items():
            target = want.get(slot)
            if target is None:
                spurious[slot] += value is not None and slot in ("role", "competency", "candidate", "interview")
                continue
            expected[slot] += 1
            if slot == "period":
                ok[slot] += value is not None  # the phrase was read as a period (its dates are tested in test_periods)
            elif slot == "role":
                ok[slot] += value is not None and (value == str(target).lower() or str(target).lower() in value)
            elif slot == "interview":
                ok[slot] += str(value or "").upper().lstrip("I").lstrip("0") == str(target).upper().lstrip("I").lstrip("0")
            else:
                ok[slot] += str(value or "").lower() == str(target).lower()
    slots = {k: _ratio(ok[k], expected[k]) for k in expected}
    return {"slots": slots, "expected": dict(expected), "spurious": dict(spurious),
            "overall": _ratio(sum(ok.values()), sum(expected.values()))}


def _role_read(u, vocab, role_names: dict) -> str | None:
    """The role the tool is called with: a known name, or the role named inside a description ("the people who
    plan our marketing events" → Marketing Planner, said with "I took … to mean")."""
    if u.role_known:
        return role_names.get(u.role)
    if u.role_described and u.role and (hits := _find_names(u.role, vocab.role_names())):
        return role_names.get(vocab.role_names()[hits[0][2]].key)
    return None


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def table(report: dict) -> str:
    intents = sorted({k.split("|")[0] for k in report["per_intent"]})
    lines = [f"{'intent':28} {'en':>6} {'zh':>6}"]
    for i in intents:
        lines.append(f"{i:28} {report['per_intent'].get(i + '|en', 0):6.2f} {report['per_intent'].get(i + '|zh', 0):6.2f}")
    lines.append(f"{'all':28} {report['accuracy']['en']:6.3f} {report['accuracy']['zh']:6.3f}")
    lines.append(f"threshold {report['threshold']:.2f}: {report['asked_back']}/{report['n_test']} asked back (counted "
                 f"by their first option; the right one offered second or third: {report['offered_not_first']}); "
                 + ("" if report["ambiguous_caught"] is None else
                    f"ambiguous asked back or declined: {report['ambiguous_caught']:.2f}; ") +
                 f"understanding p50 {report['latency_ms_p50']} ms")
    if "slot_accuracy" in report:
        sa = report["slot_accuracy"]
        lines.append("slots (where expected): " + ", ".join(f"{k} {v:.2f} (n={sa['expected'][k]})" for k, v in
                                                           sorted(sa["slots"].items())) + f"; overall {sa['overall']:.3f}")
    if report["confusions"]:
        lines.append("confusions (gold → predicted): " + "; ".join(f"{g}→{p} ×{n}" for g, p, n in report["confusions"][:15]))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    build()
    print(table(evaluate(split=CALIBRATION[-1] if "--dev" in sys.argv else "test")))

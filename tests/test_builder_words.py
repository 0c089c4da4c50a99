"""The card builder's scripts say dosages, frequencies and equipment as the site's pages do, and
take their limits and storage key from the data Python emits: builder/address.js, words.js and
restore.js run in Node (no browser) on the rules `api/index.js` hands them (api.builder_data)."""
from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, require

from exercise_site.api import builder_data, dosage_item, site_entry
from exercise_site.catalogue import load_catalogue
from exercise_site.model import Dosage, Frequency, Span
from exercise_site.builder_limits import BUILDER_DEFAULTS, BUILDER_LIMITS
from exercise_site.render import Renderer
from exercise_site.settings import Settings
from exercise_site.builder_limits import BUILDER_OFTEN
from exercise_site.text import WORDS, dosage_text, equipment_text, often_text, often_words
from exercise_site.weeks import top_dosage

ASSETS = ROOT / "overrides" / "assets"
MODULES = [ASSETS / "builder" / f"{name}.js" for name in ("address", "words", "restore", "weeks")]
FIXTURE = ROOT / "tests" / "fixtures" / "exercises"

# Runs the modules in one context, as the page does, then `calls` ([function path, ...args]) on them.
RUNNER = """
const vm = require("vm"), fs = require("fs");
const [modules, calls] = JSON.parse(fs.readFileSync(0, "utf8"));
const context = vm.createContext({});
context.self = context;
modules.forEach(path => vm.runInContext(fs.readFileSync(path, "utf8"), context, {filename: path}));
const answers = calls.map(([path, ...args]) => {
  const [module, name] = path.split(".");
  return context.ExerciseSite[module][name](...args);
});
process.stdout.write(JSON.stringify(answers));
"""


def run(calls: list[list]) -> list:
    require("Node.js", shutil.which("node") is not None)
    result = subprocess.run(["node", "-e", RUNNER], input=json.dumps([[str(p) for p in MODULES], calls]),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def data(**limits) -> dict:
    index = builder_data()
    index["limits"] = {**index["limits"], **limits}
    index["exercises"] = [["clam", "Clam", []]]
    index["bySlug"] = {"clam": index["exercises"][0]}
    return index


def item(dosage: Dosage | None) -> dict:
    sets, reps, hold, dur, side, note = dosage_item(dosage)
    return {"sets": sets, "reps": reps, "hold": hold, "dur": dur, "side": side == "s", "note": note}


def test_dosage_text_of_every_level_and_every_shape_is_the_pages():
    catalogue = load_catalogue(FIXTURE)
    levels = [level.dosage for e in catalogue.exercises.values() for level in e.levels]
    counts = [None, 0, 1, 2, 7, Span(0, 5), Span(0, 1), Span(1, 2), Span(10, 15)]
    shapes = [Dosage(sets=s, reps=r, hold_seconds=h, duration_seconds=d, per_side=side, note=note)
              for s, r, h, d, side, note in itertools.product(counts[:5] + counts[7:8], counts, counts, [None, Span(30, 45)],
                                                              [False, True], [None, "slowly"])]
    dosages = [d for d in levels + shapes + [None]
               if d is None or any(v is not None for v in (d.sets, d.reps, d.hold_seconds, d.duration_seconds, d.note))]
    said = run([["words.dosage", data(), item(d)] for d in dosages])
    wrong = [(d, mine, dosage_text(d)) for d, mine in zip(dosages, said) if mine != dosage_text(d)]
    assert not wrong, wrong[:5]
    assert len(levels) >= 3 and len(dosages) > 1000


def test_the_top_of_every_dosage_is_the_weeks_pages():
    """builder/weeks.js takes a dosage to its top as weeks.py's top_dosage does, and says it as the pages do."""
    counts = [None, 0, 2, Span(0, 5), Span(1, 2), Span(10, 15)]
    dosages = [Dosage(sets=s, reps=r, hold_seconds=h, duration_seconds=d, per_side=side, note=note)
               for s, r, h, d, side, note in itertools.product(counts, counts, counts, [None, Span(30, 45)], [False, True], [None, "slowly"])]
    dosages = [d for d in dosages if any(v is not None for v in (d.sets, d.reps, d.hold_seconds, d.duration_seconds, d.note))]
    said = run([["weeks.top", data(), item(d)] for d in dosages] + [["weeks.top", data(), item(None)]])
    wrong = [(d, mine, dosage_text(top_dosage(d))) for d, mine in zip(dosages, said) if mine != dosage_text(top_dosage(d))]
    assert not wrong, wrong[:5]
    assert said[-1] == "" and len(dosages) > 500


def test_frequency_and_equipment_are_said_as_the_pages_say_them():
    cards = [{"f": f, "u": u, "w": "6"} for f in ("1", "2", "3", "2-3", "1-2") for u in ("", "2", "3", "2-3")]
    said = run([["words.often", data(), card] for card in cards])
    for card, mine in zip(cards, said):
        def span(text):
            low, _, high = text.partition("-")
            return Span(int(low), int(high or low))
        frequency = Frequency(per_week=span(card["f"]), build_to=span(card["u"]) if card["u"] else None, weeks=6)
        assert mine == often_text(frequency)

    catalogue = load_catalogue(FIXTURE)
    renderer = Renderer(catalogue)
    routine_equipment = renderer.env.globals["routine_equipment"]
    calls, expected = [], []
    for routine in catalogue.routines.values():
        entries = []
        for entry in routine.exercises:
            exercise = catalogue.exercises[entry.exercise]
            level = renderer.env.globals["level"](exercise, entry.level)
            entries += json.loads(json.dumps([*exercise.equipment, *level.equipment], default=lambda o: {"one_of": o.one_of}))
        calls.append(["words.needs", data(), entries])
        expected.append(equipment_text(routine_equipment(routine)))
    gear = [["chair", {"one_of": ["chair", "step"]}], [{"one_of": ["wall", "step"]}, "loop band"], []]
    calls += [["words.needs", data(), entries] for entries in gear]
    expected += ["chair", "wall or step; loop band", "none"]
    assert run(calls) == expected


PRINT_SIZES = {"qr.js": {"8", "65"}}  # the printed code's quiet zone and largest size in mm, not builder limits


def test_limits_and_defaults_come_from_the_data():
    """A smaller limit in the data is obeyed; no script writes a limit, a default or the site's name."""
    raw = {"t": "x" * 200, "p": "y" * 200, "b": "", "d": "", "f": "3", "u": "", "w": "8",
           "e": [["clam", "1"], ["clam", "1"], ["clam", "1"]]}
    checked, problems = [], []
    for limits in ({}, {"exercises": 2, "sessions": 2, "weeks": 7, "text": 10, "name": 5}):
        problems.append([])
        checked.append(run([["restore.check", raw, data(**limits), problems[-1]]])[0])
    assert (len(checked[0]["t"]), len(checked[0]["p"]), len(checked[0]["e"]), checked[0]["f"], checked[0]["w"]) == (
        BUILDER_LIMITS["text"], BUILDER_LIMITS["name"], 3, "3", "8")
    assert (len(checked[1]["t"]), len(checked[1]["p"]), len(checked[1]["e"]), checked[1]["f"], checked[1]["w"]) == (
        10, 5, 2, BUILDER_DEFAULTS["f"], BUILDER_DEFAULTS["w"])
    assert run([["address.empty", BUILDER_DEFAULTS]])[0]["f"] == BUILDER_DEFAULTS["f"]

    scripts = [ASSETS / "builder.js", *sorted((ASSETS / "builder").glob("*.js"))]
    literals = {str(v) for v in [*BUILDER_LIMITS.values(), *BUILDER_DEFAULTS.values()]}
    for script in scripts:
        code = re.sub(r'//[^\n]*|"(?:[^"\\\n]|\\.)*"', "", script.read_text())  # comments and strings aside
        numbers = set(re.findall(r"(?<![\w.])\d+(?![\w.])", code)) & literals - {"0", "1", "2", "3"} - PRINT_SIZES.get(script.name, set())
        assert not numbers, f"{script.name} writes limits {numbers}: they belong in api/index.js (builder_limits.BUILDER_LIMITS)"
        assert not re.search(r"hips?\b|runner|steady", script.read_text(), re.I), f"{script.name} names the site"


def test_the_storage_key_is_the_site_name_slug():
    assert site_entry(Settings(name="Steady Hips")) == {"name": "Steady Hips", "key": "steady-hips"}  # existing devices' cards
    assert site_entry(Settings(name="Knee Clinic"))["key"] == "knee-clinic"


def test_how_often_is_said_as_python_says_it():
    """Every choice of "How often" (render.BUILDER_OFTEN), for the card and for one exercise, in the words
    text.often_words() gives it; a value out of bounds is not said at all."""
    cards = [{"f": value, "u": "", "w": "6"} for value in BUILDER_OFTEN]
    said = run([["words.often", data(), card] for card in cards]
               + [["words.oftenWords", data(), value] for value in BUILDER_OFTEN + ["9d", "8", "0", "2-1", "x"]]
               + [["words.dosage", data(), {**item(None), "sets": "2", "reps": "10", "o": "2d"}]])
    track = WORDS["frequency"]["track"].replace("{n}", "6")
    assert said[:len(cards)] == [often_words(value) + track for value in BUILDER_OFTEN]
    words = said[len(cards):-1]
    assert words[:len(BUILDER_OFTEN)] == [often_words(value) for value in BUILDER_OFTEN]
    assert words[len(BUILDER_OFTEN):] == [""] * 5
    assert said[-1] == "2 sets of 10 reps" + WORDS["frequency"]["item"].replace("{text}", often_words("2d"))

"""The search wrapper (overrides/assets/search-worker.js) steps aside when it is not handed
Material's message numbers (the build found an untested Material, hooks/mkdocs_search.py) or a
message is not shaped as the tested release's: run in Node around a stand-in for Material's worker."""
from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import quote

import jinja2
import pytest
from conftest import ROOT, require

import mkdocs_search

WORKER = ROOT / "overrides" / "assets" / "search-worker.js"
PARTIAL = ROOT / "overrides" / "partials" / "search-worker.html"

# The partial's script, run on a page whose config names Material's worker: the worker address it makes.
PAGE = """
const fs = require("fs");
const script = fs.readFileSync(0, "utf8").match(/<script>([\\s\\S]*)<\\/script>/)[1];
const config = {textContent: JSON.stringify({search: "assets/javascripts/workers/search.js"})};
global.document = {getElementById: () => config, baseURI: "https://example.org/prefix/page/"};
eval(script);
process.stdout.write(JSON.parse(config.textContent).search);
"""

# A worker global with a stand-in Material: it records the messages it is handed.
RUNNER = """
const vm = require("vm"), fs = require("fs");
const [worker, href, messages] = JSON.parse(fs.readFileSync(0, "utf8"));
const received = [], warnings = [], listeners = [];
const context = vm.createContext({URL, setTimeout, JSON, Array, Map, Set, Math, RegExp, Object, String});
context.self = context;
context.location = {href};
context.console = {warn: text => warnings.push(text)};
context.addEventListener = (type, listener) => listeners.push(listener);
context.postMessage = () => {};
context.importScripts = () => context.addEventListener("message", event => received.push(event.data));
vm.runInContext(fs.readFileSync(worker, "utf8"), context);
messages.forEach(data => listeners.forEach(listener => listener({data})));
setTimeout(() => process.stdout.write(JSON.stringify({received, warnings})), 10);
"""

INDEX = {"config": {"separator": "[\\s\\-]+"}, "docs": [{"location": "squat/", "title": "Squat", "text": "a squat", "boost": 1}]}


def worker_address(numbers: dict | None) -> str:
    """The worker's address as the page makes it, from the partial rendered with `numbers` (mkdocs_search)."""
    require("Node.js", shutil.which("node") is not None)
    environment = jinja2.Environment()
    environment.filters["url"] = lambda path: path
    html = environment.from_string(PARTIAL.read_text(encoding="utf-8")).render(
        **({"search_messages": numbers} if numbers is not None else {}))
    result = subprocess.run(["node", "-e", PAGE], input=html, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def run(messages: list, numbers: dict | None) -> dict:
    href = worker_address(numbers)
    result = subprocess.run(["node", "-e", RUNNER], input=json.dumps([str(WORKER), href, messages]),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_page_hands_the_worker_materials_address_and_the_numbers():
    address = worker_address(mkdocs_search.MESSAGES)
    assert address.startswith("https://example.org/prefix/page/assets/search-worker.js?material=")
    assert "&messages=" + quote(json.dumps(mkdocs_search.MESSAGES, separators=(",", ":"), sort_keys=True), safe="") in address
    assert "messages" not in worker_address(None)


def test_with_the_tested_numbers_the_wrapper_rewrites_queries():
    numbers = mkdocs_search.MESSAGES
    seen = run([{"type": numbers["setup"], "data": INDEX}, {"type": numbers["query"], "data": "squats"}], numbers)
    assert seen["received"][-1] == {"type": numbers["query"], "data": "squat"} and not seen["warnings"]


@pytest.mark.parametrize("numbers, setup", [
    (None, {"type": 0, "data": INDEX}),  # the build found another Material: no numbers handed over
    (mkdocs_search.MESSAGES, {"type": 0, "data": "squats"}),  # a release whose type 0 is a query
])
def test_otherwise_it_steps_aside_with_a_notice(numbers, setup):
    query = {"type": 2, "data": "squats"}
    seen = run([setup, query], numbers)
    assert seen["received"] == [setup, query], "Material must get every message as the page sent it"
    assert len(seen["warnings"]) == 1 and "steps aside" in seen["warnings"][0]

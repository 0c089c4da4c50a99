"""Every kind of page on a 360-px phone, in Chromium: nothing scrolls the page sideways (a wide
table scrolls in its own box), every checkbox, field and button is at least 24 by 24 px (WCAG 2.2,
2.5.8), and table text is at least 14 px. And the no-JavaScript notices show only where scripts do
not run: never while they are still loading."""
from __future__ import annotations

import pytest
from conftest import condition_slugs, exercise_slugs, routine_slugs

PHONE = {"width": 360, "height": 740}
SMALLEST_TARGET = 24  # px, WCAG 2.2 success criterion 2.5.8
SMALLEST_TABLE_TEXT = 14  # px

# What the reader can see and touch: visible, not faded out, taking pointer events (Material's search
# reset button, for one, is invisible and inert until something is typed).
MEASURE = """() => {
  const shown = e => {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    for (let at = e; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.visibility === 'hidden' || style.opacity === '0' || style.pointerEvents === 'none') return false;
    }
    return true;
  };
  const name = e => `${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''}${e.name ? ' ' + e.name : ''} "${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30)}"`;
  const small = [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea, summary, .md-button')]
    .filter(shown)
    .map(e => [name(e), e.getBoundingClientRect()])
    .filter(([, box]) => box.width < %(target)d - 0.5 || box.height < %(target)d - 0.5)
    .map(([what, box]) => `${what} ${Math.round(box.width)}x${Math.round(box.height)}`);
  const tiny = [...document.querySelectorAll('.md-content table td, .md-content table th')]
    .filter(e => shown(e) && e.textContent.trim())
    .map(e => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize)])
    .filter(([, size]) => size < %(text)d - 0.05)
    .map(([text, size]) => `"${text}" ${size}px`);
  const root = document.documentElement;
  return {sideways: root.scrollWidth - root.clientWidth, small: [...new Set(small)], tiny: [...new Set(tiny)]};
}""" % {"target": SMALLEST_TARGET, "text": SMALLEST_TABLE_TEXT}


def kinds_of_page(project) -> dict[str, str]:
    """One page of each kind the generator makes, and the hand-written kinds."""
    exercise, routine, condition = exercise_slugs(project)[0], routine_slugs(project)[0], condition_slugs(project)[0]
    plans = sorted(p.stem for p in (project / "exercises" / "plans").glob("*.yml"))
    return {
        "home": "", "exercises": "exercises/", "exercise": f"exercises/{exercise}/", "routines": "routines/",
        "routine card": f"routines/{routine}/", "conditions": "conditions/", "condition": f"conditions/{condition}/",
        "muscles": "browse/muscles/", "equipment": "browse/equipment/", "builder": "builder/",
        "built card": f"builder/?routine={routine}", "sources": "sources/", "not found": "404.html",
        **{f"plan {slug}": f"{slug}/" for slug in plans},
    }


@pytest.mark.browser
def test_every_kind_of_page_fits_a_phone(browser, site_url, project):
    page = browser.new_page(viewport=PHONE)
    problems = []
    for kind, address in kinds_of_page(project).items():
        page.goto(site_url + address)
        page.wait_for_load_state("networkidle")
        if kind == "built card":
            page.wait_for_selector(".rx-b-items li")
        found = page.evaluate(MEASURE)
        if found["sideways"] > 0:
            problems.append(f"{kind} (/{address}): the page scrolls {found['sideways']} px sideways")
        problems += [f"{kind} (/{address}): a target under {SMALLEST_TARGET} px: {s}" for s in found["small"]]
        problems += [f"{kind} (/{address}): table text under {SMALLEST_TABLE_TEXT} px: {s}" for s in found["tiny"]]
    page.close()
    assert not problems, "\n".join(problems)


NOTICE_EVER_SHOWN = """
  self.__noticeShown = false;
  (function watch() {
    for (const notice of document.querySelectorAll('.rx-nojs')) {
      if (notice.getBoundingClientRect().height > 0) self.__noticeShown = true;
    }
    requestAnimationFrame(watch);
  })();
"""


@pytest.mark.browser
def test_the_no_javascript_notice_shows_only_without_scripts(browser, site_url):
    """Scripts held back until the page above them has drawn (a slow connection): the notice never
    shows, then the builder starts. With scripts off, it shows."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(NOTICE_EVER_SHOWN)
    held, released = [], []
    page.route("**/*.js", lambda route: route.continue_() if released else held.append(route))
    page.goto(f"{site_url}builder/", wait_until="commit")
    page.wait_for_selector(".rx-builder-intro")
    page.wait_for_function("() => document.readyState !== 'loading' || document.querySelector('.md-footer')")
    assert held, "no script was held back"
    assert not page.evaluate("self.__noticeShown"), "the no-JavaScript notice showed while scripts were loading"
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_selector(".rx-builder", state="visible")
    assert not page.evaluate("self.__noticeShown"), "the no-JavaScript notice showed once scripts ran"
    context.close()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}builder/")
    assert page.locator(".rx-nojs").is_visible()
    context.close()

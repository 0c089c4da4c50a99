"""This site's search and browse: what runners type finds the right page of this site (its query
lists), and checks of this site's own exercises, conditions and pages. The search behaviour itself
(plurals, split words, ranking, filters, paging) is tested on the fixture project in tests/test_find.py,
whose helpers these tests use; the tests imported from there run here on this site.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from exercise_site.catalogue import load_catalogue
from exercise_site.model import slugify
from exercise_site.render import Renderer
from test_find import (  # noqa: F401  (the tests are collected here again, with this site's fixtures)
    catalogue,
    misses_of,
    search,
    test_catalogue_thumbnails_are_cached_files_loaded_lazily,
    test_catalogue_without_javascript_is_the_full_table,
    test_every_browse_page_links_only_existing_pages,
    test_every_muscle_equipment_and_condition_in_use_has_its_page,
    test_every_vocabulary_word_is_written_once,
    test_on_a_desktop_every_name_stays_beside_its_thumbnail,
    test_on_a_phone_each_row_is_a_card_without_sideways_scrolling,
    test_on_a_phone_without_javascript_the_cards_read_their_labels,
)

CATALOGUE = load_catalogue(ROOT / "exercises")

# --- the query list ------------------------------------------------------------------
# What a runner might type, and the page that must come back among the first three
# results. Written from how runners talk (names from coaches and physios, ballet terms
# from the chiropractor's article, symptoms in plain words), not from the index. Where two
# pages answer the query equally well, either is accepted ("a|b").
# Every runner's hip: the conditions and exercises a sports clinic gives, in runners' words. All must pass.
MUST_PASS = [
    ("sit bone pain when sitting", "conditions/proximal-hamstring-tendinopathy/"),
    ("inner thigh pain running", "conditions/adductor-related-groin-pain/"),
    ("clicking in my hip", "conditions/hip-related-pain/"),
    ("copenhagen plank", "exercises/copenhagen-adduction/"),
    ("single leg deadlift", "exercises/single-leg-romanian-deadlift/"),
    ("stress fracture", "conditions/bone-stress-injury/"),
    ("hip impingement", "conditions/hip-related-pain/"),
    ("pain lying on my hip at night", "conditions/gluteal-tendinopathy/"),
    ("step ups", "exercises/step-up/"),
    ("bulgarian split squat", "exercises/split-squat/"),
    ("hip thrusts", "exercises/hip-thrust/"),
    ("pogo hops", "exercises/pogo-hops/"),
]
# Where does it hurt? What runners type, written from the way runners ask in forums and clinic
# FAQs (symptoms, questions, slang, typos), not from this site's titles. 95% must find a right
# page in the top three.
RUNNERS_ASK = [
    ("hurts when I lie on my side", "conditions/gluteal-tendinopathy/"),
    ("pain in my bum when running", "conditions/proximal-hamstring-tendinopathy/|conditions/si-joint-pain/|conditions/hip-pain-after-running/"),
    ("outside of my knee hurts on downhills", "conditions/it-band-syndrome/"),
    ("knee pain on stairs", "conditions/runners-knee/"),
    ("weak glutes", "browse/muscles/gluteus-medius/|browse/muscles/gluteus-maximus/|routines/hip-stability/|routines/lateral-strength/|why-hips-hurt/"),
    ("how much pain is ok during exercise", "when-to-see-a-professional/|faq/"),
    ("first run after injury", "return-to-running/"),
    ("can I run with hip pain", "faq/|conditions/hip-pain-after-running/|return-to-running/"),
    ("when can I run again", "return-to-running/"),
    ("how long does gluteal tendinopathy take", "conditions/gluteal-tendinopathy/"),
    ("groin pain when running", "conditions/adductor-related-groin-pain/|conditions/iliopsoas-related-groin-pain/|conditions/hip-related-pain/|where-does-it-hurt/"),
    ("sore butt after a long run", "conditions/hip-pain-after-running/|conditions/proximal-hamstring-tendinopathy/|conditions/si-joint-pain/"),
    ("hip clicks when I run", "conditions/hip-related-pain/"),
    ("pain sitting on a hard chair", "conditions/proximal-hamstring-tendinopathy/"),
    ("deep buttock pain when driving", "conditions/proximal-hamstring-tendinopathy/"),
    ("front of hip hurts when I lift my leg", "conditions/iliopsoas-related-groin-pain/|conditions/hip-flexor-strain/"),
    ("pulled groin", "conditions/adductor-related-groin-pain/"),
    ("hip pain at night lying on side", "conditions/gluteal-tendinopathy/"),
    ("stress fracture in the hip", "conditions/bone-stress-injury/"),
    ("it hurts to hop", "conditions/bone-stress-injury/|when-to-see-a-professional/"),
    ("limping after running", "conditions/bone-stress-injury/|when-to-see-a-professional/"),
    ("low back and buttock pain running", "conditions/si-joint-pain/|where-does-it-hurt/"),
    ("pain behind the kneecap", "conditions/runners-knee/"),
    ("itb pain", "conditions/it-band-syndrome/"),
    ("glute exercises for runners", "browse/muscles/gluteus-medius/|browse/muscles/gluteus-maximus/|routines/hip-stability/|routines/lateral-strength/"),
    ("exercises for hip bursitis", "conditions/gluteal-tendinopathy/|routines/outer-hip-first-weeks/"),
    ("strengthen inner thigh", "browse/muscles/hip-adductors/|exercises/copenhagen-adduction/|exercises/adductor-squeeze/"),
    ("side plank with leg on a bench", "exercises/copenhagen-adduction/"),
    ("knee hurts when squatting", "conditions/runners-knee/"),
    ("tight hip flexors after running", "exercises/hip-flexor-stretch/|conditions/hip-flexor-strain/|conditions/iliopsoas-related-groin-pain/|browse/muscles/hip-flexors/"),
    ("is it ok to run through pain", "faq/|when-to-see-a-professional/"),
    ("how often should I do hip exercises", "faq/"),
    ("warm up before a run", "routines/dynamic-warm-up/"),
    ("stretches after running", "routines/cool-down/|routines/post-run-relief/|exercises/hip-flexor-stretch/|exercises/butterfly-stretch/|exercises/knee-to-chest-stretch/"),
    ("runners hip pain", "conditions/hip-pain-after-running/|why-hips-hurt/"),
    ("hamstring tendonitis", "conditions/proximal-hamstring-tendinopathy/"),
    ("adductor strain", "conditions/adductor-related-groin-pain/"),
    ("pelvis pain when running", "conditions/si-joint-pain/|conditions/bone-stress-injury/"),
    ("how long off running with a stress fracture", "conditions/bone-stress-injury/"),
    ("10 percent rule", "training-load/|faq/"),
    ("make my own exercise sheet", "builder/|routines/"),
    ("print a routine", "routines/|builder/"),
    ("where does my hip hurt", "where-does-it-hurt/"),
    ("pain on the sit bone", "conditions/proximal-hamstring-tendinopathy/"),
    ("hip impingement exercises", "conditions/hip-related-pain/|routines/hip-joint-first-weeks/"),
]
QUERIES = [
    ("clam", "exercises/clamshell/"),
    ("clamshells", "exercises/clamshell/"),
    ("plie", "exercises/knee-bend/"),
    ("plié", "exercises/knee-bend/"),
    ("tendu", "exercises/toe-pointing/"),
    ("calf raises", "exercises/toe-raise/|exercises/single-leg-calf-raise/"),
    ("glute med", "browse/muscles/gluteus-medius/"),
    ("gluteus medius exercises", "browse/muscles/gluteus-medius/"),
    ("glute bridge", "exercises/hip-bridge-with-band/"),
    ("single leg bridge", "exercises/single-leg-glute-bridge/"),
    ("IT band", "conditions/it-band-syndrome/"),
    ("ITB", "conditions/it-band-syndrome/"),
    ("iliotibial band", "conditions/it-band-syndrome/"),
    ("TFL", "browse/muscles/tensor-fasciae-latae/"),
    ("hip abductors", "browse/muscles/hip-abductors/"),
    ("foam roller", "browse/equipment/foam-roller/"),
    ("10% rule", "training-load/"),
    ("trochanteric bursitis", "conditions/gluteal-tendinopathy/"),
    ("hip bursitis", "conditions/gluteal-tendinopathy/"),
    ("pain on outside of hip", "conditions/gluteal-tendinopathy/"),
    ("runner's knee", "conditions/runners-knee/"),
    ("patellofemoral pain", "conditions/runners-knee/"),
    ("piriformis", "browse/muscles/deep-hip-rotators/"),
    ("SI joint", "conditions/si-joint-pain/"),
    ("sacroiliac", "conditions/si-joint-pain/"),
    ("hip flexor strain", "conditions/hip-flexor-strain/"),
    ("hip flexor stretch", "exercises/hip-flexor-stretch/"),
    ("kneeling hip flexor stretch", "exercises/hip-flexor-stretch/"),
    ("band walks", "exercises/lateral-band-walk/"),
    ("monster walk", "exercises/lateral-band-walk/"),
    ("single leg squat", "exercises/single-leg-squat/"),
    ("step downs", "exercises/single-leg-step-down/"),
    ("leg swings", "exercises/leg-swings/"),
    ("warm up before running", "routines/dynamic-warm-up/"),
    ("cool down stretches", "routines/cool-down/"),
    ("butterfly stretch", "exercises/butterfly-stretch/"),
    ("deep squat", "exercises/squat-hold/"),
    ("mini band", "browse/equipment/loop-band/"),
    ("no equipment", "browse/equipment/no-equipment/"),
    ("when to see a doctor", "when-to-see-a-professional/"),
    ("red flags", "when-to-see-a-professional/"),
    ("hip pain after running", "conditions/hip-pain-after-running/"),
    ("sore hips after a run", "conditions/hip-pain-after-running/"),
    ("hip pain", "conditions/hip-pain-after-running/|why-hips-hurt/"),
    ("abductor machine", "exercises/hip-abductor-machine/"),
    ("inner thigh", "browse/muscles/hip-adductors/|exercises/butterfly-stretch/|exercises/leg-squeeze/"),
    ("knee hug", "exercises/knee-to-chest-stretch/"),
    ("side lunge", "exercises/lateral-lunge/"),
    ("plank", "exercises/plank/"),
    ("prone hip extension", "exercises/prone-hip-extension/"),
    ("increase mileage", "training-load/"),
    ("rest days", "training-load/"),
    ("running shoes", "faq/|why-hips-hurt/"),
    ("swiss ball", "browse/equipment/gym-ball/"),
    ("TRX", "browse/equipment/suspension-straps/|exercises/single-leg-squat/"),
    ("psoas", "browse/muscles/hip-flexors/|conditions/hip-flexor-strain/"),
    ("glute exercises", "browse/muscles/gluteus-maximus/|browse/muscles/gluteus-medius/"),
    # Plurals, run-together words and the other side's spelling find what the base word finds.
    ("squats", "exercises/squat-hold/|exercises/single-leg-squat/|exercises/box-squat/|exercises/split-squat/|exercises/spanish-squat/"),
    ("bridges", "exercises/hip-bridge-with-band/|exercises/single-leg-glute-bridge/"),
    ("planks", "exercises/plank/"),
    ("lunges", "exercises/lateral-lunge/"),
    ("side lunges", "exercises/lateral-lunge/"),
    ("step-downs", "exercises/single-leg-step-down/"),
    ("leg swing", "exercises/leg-swings/"),
    ("calf raise", "exercises/toe-raise/|exercises/single-leg-calf-raise/"),
    ("warmup", "routines/dynamic-warm-up/"),
    ("cooldown", "routines/cool-down/"),
    ("hip stability programme", "routines/hip-stability/"),
    ("stabilising the hips", "why-hips-hurt/"),
    # Symptoms and questions in everyday words.
    ("sore hip after run", "conditions/hip-pain-after-running/"),
    ("my hips hurt after running", "conditions/hip-pain-after-running/|why-hips-hurt/"),
    ("pain on the outside of my hip", "conditions/gluteal-tendinopathy/"),
    ("knee pain when running", "conditions/runners-knee/"),
    ("tight hip flexors", "exercises/hip-flexor-stretch/|conditions/hip-flexor-strain/|browse/muscles/hip-flexors/"),
    ("exercises without equipment", "browse/equipment/no-equipment/"),
    ("exercises with a band", "browse/equipment/loop-band/|browse/equipment/resistance-band/"),
    ("how often", "faq/"),
    ("how often should I do the exercises", "faq/"),
    *MUST_PASS,
]



def test_at_a_glance_shows_the_everyday_words_and_links_the_browse_pages():
    page = Renderer(CATALOGUE).pages()["exercises/clamshell.md"]
    assert "[gluteus medius](../browse/muscles/gluteus-medius.md) (glute med)" in page
    assert "[IT band syndrome](../conditions/it-band-syndrome.md)," in page or "[IT band syndrome](../conditions/it-band-syndrome.md)\n" in page
    assert "[no equipment](../browse/equipment/no-equipment.md)" in page
    assert "**Difficulty:** step 1" in page


def test_this_sites_progressions_set_the_difficulty():
    steps = CATALOGUE.difficulty
    assert steps("single-leg-glute-bridge")[0] > steps("hip-bridge-with-band")[1]
    assert steps("single-leg-glute-bridge")[0] > steps("forward-pelvic-shift")[1]


def test_condition_prose_is_sourced_and_makes_no_cure_claim():
    for name, page in CATALOGUE.conditions.items():
        assert all(word.strip() for word in page.also_called), name
        assert page.slug == slugify(name), f"{name}: keep the address predictable"
        text = " ".join([page.summary, *page.what_it_is, *page.how_exercises_help, *page.see_a_professional]).lower()
        assert not re.search(r"\bcur(e|es|ed|ing)\b|guarantee|heal(s|ed)?\b", text), name
        assert page.sources


# --- Chromium: the query lists -------------------------------------------------------------------


def test_the_query_list_finds_the_right_page_in_the_top_three(page, site_url):
    assert len(QUERIES) >= 30
    misses = misses_of(page, site_url, QUERIES)
    assert len(misses) <= len(QUERIES) * 0.05, f"{len(QUERIES) - len(misses)} of {len(QUERIES)} queries pass:\n" + "\n".join(misses)
    strict = [m for m in misses if any(m.startswith(repr(q) + ":") for q, _ in MUST_PASS)]
    assert not strict, "\n".join(strict)


def test_runners_own_words_find_a_right_page(page, site_url):
    """Where does it hurt?: symptoms, questions and slang find a page that answers them."""
    assert len(RUNNERS_ASK) >= 40
    misses = misses_of(page, site_url, RUNNERS_ASK)
    assert len(misses) <= len(RUNNERS_ASK) * 0.05, f"{len(RUNNERS_ASK) - len(misses)} of {len(RUNNERS_ASK)} pass:\n" + "\n".join(misses)


def test_a_page_matching_more_of_the_words_ranks_first(page, site_url):
    """"run" alone matches Runner's knee; the page that matches sore, hip and run comes first."""
    page.goto(site_url)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
    assert search(page, "sore hip after run")[0] == "conditions/hip-pain-after-running/"
    assert search(page, "how often")[0] == "faq/"


def test_search_results_show_the_summary_not_navigation_or_figure_text(page, site_url):
    page.goto(site_url)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
    for query, slug in [("single leg squat", "single-leg-squat"), ("hip flexor stretch", "hip-flexor-stretch")]:
        assert search(page, query)[0] == f"exercises/{slug}/"
        teaser = " ".join(page.locator(".md-search-result__list > li").first.locator("article").first.inner_text().split())
        assert CATALOGUE.exercises[slug].summary[:40] in teaser, teaser
    search(page, "clamshell")
    teasers = " ".join(page.locator(".md-search-result__list").inner_text().split())
    assert "drawn faded" not in teasers and "Skip to content" not in teasers

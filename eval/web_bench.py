"""Latency of the web chat as a user sees it: Chromium typing each question and waiting.

    python -m eval.web_bench [--questions FILE] [--url URL] [--viewport 390x844]

Starts `policy-assistant serve` on a free port (or uses ``--url``), opens the page in headless
Chromium, asks every question of the set (earlier turns of a follow-up are asked first, not
timed), and prints as JSON, in ms after the click on "send": the first visible answer text
(the answer's message shows text) and the final answer (the card is there and the input is
cleared), p50/p95 over the set, after one warm-up question.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from .harness import default_questions
from .load import start_server
from .metrics import percentile
from .questions import load_questions

FIRST_TEXT = "n => [...document.querySelectorAll('#chat .bot-row')].length > n && " \
             "document.querySelectorAll('#chat .bot-row')[n].innerText.trim().length > 0"
FINAL = "n => document.querySelectorAll('#chat .pa-card').length > n && " \
        "document.querySelector('#question textarea').value === ''"


def timed_question(page, question: str) -> tuple[float, float]:
    """(first visible text, final answer) in ms after the click."""
    bots, cards = page.locator("#chat .bot-row").count(), page.locator("#chat .pa-card").count()
    page.fill("#question textarea", question)
    started = time.perf_counter()
    page.click("#send")
    page.wait_for_function(FIRST_TEXT, arg=bots, polling="raf")
    first = time.perf_counter()
    page.wait_for_function(FINAL, arg=cards, polling="raf")
    return (first - started) * 1000, (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", help="question set (FORMAT.md); the dev set by default")
    parser.add_argument("--url", help="a running server instead of starting one")
    parser.add_argument("--viewport", default="1366x900", help="WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    questions = load_questions(Path(args.questions) if args.questions else default_questions()).questions
    url, server = (args.url, None) if args.url else start_server()
    width, height = (int(v) for v in args.viewport.split("x"))
    firsts, finals = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            page.wait_for_selector("#question textarea")
            timed_question(page, "国家级小巨人有多少奖励？")  # warm: the first question loads what is lazy
            for question in questions:
                page.click("#new")
                page.wait_for_function("document.querySelectorAll('#chat .bot-row').length === 0")
                for turn in question.history:
                    if turn.role == "user":
                        timed_question(page, turn.content)
                first, final = timed_question(page, question.question)
                firsts.append(first)
                finals.append(final)
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({
        "questions": len(finals), "viewport": args.viewport,
        "first_text_ms": {"p50": round(percentile(firsts, 50), 1), "p95": round(percentile(firsts, 95), 1)},
        "final_answer_ms": {"p50": round(percentile(finals, 50), 1), "p95": round(percentile(finals, 95), 1)},
    }, indent=1))


if __name__ == "__main__":
    main()

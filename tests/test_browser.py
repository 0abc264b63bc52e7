"""The web chat in a real browser: Playwright driving Debian's Chromium (headless)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, served):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    page.goto(served[0])
    page.wait_for_selector("#question textarea")
    yield page
    assert page.dialogs == []  # nothing on the page ever ran a script of a user's or a document's
    page.close()


def ask(page, question: str) -> None:
    count = page.locator("#chat .bot").count()
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_function(f"document.querySelectorAll('#chat .bot').length > {count}")
    page.wait_for_function("document.querySelector('#question textarea').value === ''")


def last_answer(page) -> str:
    return page.locator("#chat .bot").last.inner_text()


def test_ask_see_the_answer_and_open_a_source(page):
    ask(page, "What do I need for provincial level?")
    page.wait_for_selector("#sources details")
    assert "5000万元以上" in last_answer(page) and "[1]" in last_answer(page)
    source = page.locator("#sources details").first
    assert "附件4 省级专精特新小巨人企业申报条件" in source.locator("summary").inner_text()
    source.locator("summary").click()
    assert source.locator(".pa-clause").is_visible()
    assert "5000万元以上" in source.locator(".pa-clause mark").inner_text()
    assert "政策期已结束" in source.inner_text()


def test_click_an_example(page):
    page.get_by_role("button", name="Which bank products apply?").click()
    page.wait_for_selector("#sources details")
    assert "专精特新贷" in last_answer(page)


def test_follow_up_uses_the_conversation(page):
    ask(page, "省级专精特新小巨人企业的申报条件是什么？")
    ask(page, "那市级的呢？")
    page.wait_for_function("document.querySelector('#sources').innerText.includes('附件5')")
    assert "前十名" in last_answer(page)


def test_refusal_is_said_plainly_with_suggestions(page):
    ask(page, "专精特新企业的企业所得税税率是多少？")
    answer = last_answer(page)
    assert "没有找到与该问题相符的政策条款" in answer and "可以询问例如" in answer
    assert "知识库中没有与该问题相符的条款" in page.locator("#status").inner_text()


def test_a_decline_that_shows_related_clauses_does_not_say_nothing_matched(page):
    ask(page, "培养高级技师的补贴什么时候发放？")  # the clause states amounts, no date
    assert "没有规定具体时间" in last_answer(page)
    status = page.locator("#status").inner_text()
    assert "相关条款" in status and "没有与该问题相符" not in status


def test_hostile_html_is_shown_as_text(page):
    ask(page, "<img src=x onerror=alert(1)><script>alert(2)</script>奖励")
    user_message = page.locator("#chat .user").last.inner_text()
    assert "<img src=x onerror=alert(1)>" in user_message and "<script>" in user_message


def test_empty_message_gets_a_hint(page):
    page.click("#send")
    page.wait_for_function("document.querySelector('#status').innerText.includes('请输入问题')")
    assert page.locator("#chat .user").count() == 0


def test_thumbs_down_and_comment_are_stored(page, served):
    ask(page, "国家级小巨人有多少奖励？")
    page.locator("#chat button[aria-label='Dislike']").last.click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('已记录反馈')")
    page.fill("#comment textarea", "请补充省级奖励")
    page.click("#comment-send")
    page.wait_for_function("document.querySelector('#status').innerText.includes('已保存')")
    with sqlite3.connect(served[1]) as db:
        row = db.execute("SELECT question, rating, comment FROM feedback ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("国家级小巨人有多少奖励？", "down", "请补充省级奖励")


def test_english_labels_and_clear(page):
    page.get_by_label("English").check()
    page.wait_for_function("document.querySelector('#send').innerText.includes('Send')")
    ask(page, "Which bank products apply?")
    page.click("#clear")
    page.wait_for_function("document.querySelectorAll('#chat .bot').length === 0")


def test_a_failing_request_shows_an_error_and_the_server_keeps_serving(page, assistant, monkeypatch):
    def broken_store(*args, **kwargs):  # the vector store going away mid-request
        raise ConnectionError("Chroma server unreachable")

    monkeypatch.setattr(assistant.retriever.store, "query", broken_store)
    ask(page, "Which bank products apply?")
    assert "出错了" in last_answer(page)
    monkeypatch.undo()
    ask(page, "Which bank products apply?")
    assert "专精特新贷" in last_answer(page)


HOSTILE = ("青石县人民政府\n2024年5月1日\n青石县专精特新企业奖励办法\n一、奖励标准\n"
           "1. 对新认定的省级专精特新企业给予30万元奖励，申报入口见[入口](http://evil.example/login)。\n"
           "2. 对新认定的国家级专精特新小巨人企业给予90万元奖励![x](http://evil.example/pixel.png)"
           "<img src=http://evil.example/i.png onerror=alert(1)>，详见 http://evil.example/more 。\n")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, settings_factory):
    """The chat over the knowledge base plus a document written to attack its readers."""
    from assistant.feedback import FeedbackStore
    from assistant.service import Assistant
    from assistant.web import build_app

    from .conftest import KNOWLEDGE, free_port

    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    (root / "knowledge" / "documents" / "qingshi.txt").write_text(HOSTILE, encoding="utf-8")
    assistant = Assistant.from_settings(settings_factory(knowledge_dir=root / "knowledge", index_dir=root / "index"),
                                        progress=False)
    app = build_app(assistant, FeedbackStore(root / "fb.sqlite")).queue()
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_links_and_images_in_a_document_are_shown_as_text_and_nothing_is_fetched(browser, hostile_url):
    """Row 9 of the hardening issue: Markdown in a clause used to render as live links and images."""
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    foreign, dialogs = [], []
    page.on("request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url
            and not request.url.startswith(("data:", "blob:")) else None)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url)
    page.wait_for_selector("#question textarea")
    for question in ("青石县对新认定的省级专精特新企业奖励多少？", "青石县国家级小巨人奖励多少？"):
        ask(page, question)
    page.wait_for_timeout(500)  # give a tracking pixel every chance to load
    chat = page.locator("#chat")
    assert "[入口](http://evil.example/login)" in chat.inner_text()  # the characters, as written
    assert "30万元" in chat.inner_text() and "90万元" in chat.inner_text()
    assert chat.locator("a[href*='evil']").count() == 0 and chat.locator("img[src*='evil']").count() == 0
    assert page.locator("a[href*='evil'], img[src*='evil']").count() == 0  # nor anywhere else on the page
    assert foreign == [] and dialogs == []
    page.close()


@pytest.mark.parametrize("viewport", [{"width": 1300, "height": 1000}, {"width": 390, "height": 844}])
def test_eligibility_tab_checks_a_company_from_the_form(browser, served, tmp_path_factory, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(served[0])
    page.wait_for_selector("#question textarea")
    # on a phone too the tab is in the tab bar, not behind the overflow menu
    assert "政策体检 / Check" in page.locator("[role=tab]").all_inner_texts()
    page.get_by_role("tab", name="政策体检 / Check").click()
    page.wait_for_selector("#check-go")
    page.locator("#check-region input").fill("金湖县")
    page.locator("#check-region input").press("Enter")
    page.locator("#check-category").get_by_text("制造类").click()
    page.locator("#check-main_revenue input").fill("4999")
    page.locator("#check-total_profit input").fill("399.99")
    page.click("#check-go")
    page.wait_for_selector("#check-details .pa-check")
    details = page.locator("#check-details").inner_text()
    assert "主营业务收入 4999万元" in details  # what was understood, with its unit
    assert "营业收入 0" not in details and "发明专利 0" not in details  # an empty field is unknown, not zero
    assert "主营业务收入差1万元或利润总额差0.01万元" in details
    table = page.locator("#check-table").inner_text()
    assert "省级专精特新小巨人企业 › 制造类" in table and "不符合" in table
    assert page.locator("#check-table th").count() == 4  # few enough columns to read on a phone
    page.locator("#check-sources details").first.locator("summary").click()
    assert page.locator("#check-sources .pa-clause").first.is_visible()
    name = "desktop" if viewport["width"] > 1000 else "mobile"
    page.screenshot(path=str(tmp_path_factory.mktemp("shots") / f"eligibility-{name}.png"), full_page=True)
    page.close()

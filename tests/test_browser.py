"""The web chat in a real browser: Playwright driving Debian's Chromium (headless)."""

from __future__ import annotations

import re
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


DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
CJK = "[\u4e00-\u9fff]"


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def any_page(request, browser, served):
    """The chat at a desktop and at a phone size; a failing test leaves a screenshot."""
    yield from _page(request, browser, served, request.param)


@pytest.fixture()
def page(request, browser, served):
    yield from _page(request, browser, served, DESKTOP)


def _page(request, browser, served, viewport):
    from .conftest import screenshot_on_failure

    page = browser.new_page(viewport=viewport)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    page.goto(served[0])
    page.wait_for_selector("#question textarea")
    yield page
    screenshot_on_failure(request, page)
    assert page.dialogs == []  # nothing on the page ever ran a script of a user's or a document's
    page.close()


def ask(page, question: str, press_enter: bool = False) -> None:
    count = page.locator("#chat .pa-card").count()
    page.fill("#question textarea", question)
    if press_enter:
        page.press("#question textarea", "Enter")
    else:
        page.click("#send")
    page.wait_for_function(f"document.querySelectorAll('#chat .pa-card').length > {count}")
    page.wait_for_function("document.querySelector('#question textarea').value === ''")


def last_card(page):
    return page.locator("#chat .pa-card").last


def inside_viewport(page) -> list[str]:
    """Visible elements that reach beyond the viewport's width (none may)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
               && (r.right > innerWidth + 1 || r.left < -1);
    }).map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5)""")


def test_first_screen_sets_the_scope_and_shows_the_input_and_topics(any_page):
    page = any_page
    welcome = page.locator("#chat .pa-welcome")
    assert "5 份政策文件" in welcome.inner_text()
    for place, status in (("金湖县", "政策期已结束（2022–2024）"), ("盐城市", "征求意见稿"), ("未写明地区", "状态未说明")):
        assert place in welcome.inner_text() and status in welcome.inner_text()
    assert "现行；" not in welcome.inner_text()  # one status per document, never two that contradict
    height = page.viewport_size["height"]
    for selector in ("#question textarea", "#send", "#topic-criteria", "#to-check"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, selector  # on the first screen
    for button in page.locator("#topics button, #send").all():
        box = button.bounding_box()
        assert box["height"] >= 40 and box["width"] >= 40  # touch targets
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert inside_viewport(page) == []
    # no staff tools on the public page: no workspace tab, no document filter, export or comment box, no footer
    assert page.locator("[role=tab]").all_inner_texts() == ["问答", "政策体检"]
    assert page.locator("#documents, #comment, #export, footer:visible").count() == 0


def test_a_topic_asks_a_real_question_and_the_check_is_one_click_away(page):
    page.click("#topic-rewards")
    page.wait_for_selector("#chat .pa-card")
    assert page.locator("#chat .user-row").last.inner_text().strip().endswith("？")  # a question, not a heading
    assert "200万元" in last_card(page).inner_text()
    page.click("#to-check")
    page.wait_for_selector("#check-go", state="visible")


def test_the_answer_card_groups_points_under_one_header_per_document(any_page):
    page = any_page
    ask(page, "What do I need for provincial level?", press_enter=True)  # on the Chinese page: answered in Chinese
    card = last_card(page)
    summary = card.locator(".pa-summary").inner_text()
    assert "金湖县" in summary and "12" in summary
    assert card.locator(".pa-doc-head").count() == 1  # twelve points, one source header
    head = card.locator(".pa-doc-head").inner_text()
    assert "金政发〔2022〕33号" in head and "2022-04-22" in head and "政策期已结束（2022–2024）" in head
    assert "Note" not in card.inner_text() and "政策期（2022–2024）已于2024年底结束" in card.inner_text()
    assert card.locator(".pa-point").count() == 12 and card.locator(".pa-group").count() == 3  # 制造类, 创新类, 产品
    assert card.locator(".pa-point strong").first.inner_text() == "5000万元以上"  # key figures stand out
    assert inside_viewport(page) == []
    for button in page.locator("#chat button[aria-label='Like'], #chat button[aria-label='Dislike']").all():
        box = button.bounding_box()
        assert box["width"] >= 40 and box["height"] >= 40
    chip = card.locator("a.pa-chip").first.bounding_box()  # a chip is small in the text, its touch area is not
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest('a.pa-chip') !== null",
                        [chip["x"] + chip["width"] / 2, chip["y"] + chip["height"] / 2 + 16])
    assert hit


def test_a_citation_chip_opens_the_clause_in_context_and_the_whole_document(any_page, browser):
    page = any_page
    ask(page, "国家级小巨人有多少奖励？")
    card = last_card(page)
    assert not card.locator(".pa-cite").first.is_visible()  # sources stay folded under the answer
    card.locator("a.pa-chip").first.click()
    cited = card.locator(".pa-cite.pa-focus")
    cited.wait_for(state="visible")
    assert "200万元" in cited.locator("mark").first.inner_text()
    assert "三、重点任务" in cited.locator(".pa-path").inner_text()  # its section path
    assert cited.locator(".pa-ctx").count() == 2  # the clauses before and after it
    link = cited.locator("a.pa-whole")
    href = link.get_attribute("href")
    assert href.startswith("/doc/sme-quality-plan") and link.get_attribute("target") == "_blank"
    whole = browser.new_page()
    whole.goto(served_url(page) + href.lstrip("/"))
    anchor = href.split("#", 1)[1]
    assert "200万元" in whole.locator(f"[id='{anchor}']").inner_text()
    assert whole.locator("section").count() > 20  # the whole document, every clause
    whole.close()
    assert "未写明地区" in card.locator(".pa-doc-head").inner_text()  # a document that names no place says so


def served_url(page) -> str:
    return page.url.split("?", 1)[0].split("#", 1)[0]


def test_a_decline_offers_questions_that_are_answered_and_whom_to_ask(any_page):
    page = any_page
    ask(page, "专精特新企业的企业所得税税率是多少？")
    card = last_card(page)
    assert "pa-declined" in card.get_attribute("class")
    assert "已在知识库的 5 份文件中检索" in card.inner_text()
    offered = card.locator("button.pa-ask")
    assert 2 <= offered.count() <= 3
    assert all(text.strip().endswith("？") for text in offered.all_inner_texts())
    assert "有哪些具体规定" not in card.inner_text()  # no internal headings dressed up as questions
    assert "知识库目前收录：" not in card.inner_text()  # no run-on list of every title
    assert card.locator(".pa-whom").count() == 1
    question = offered.first.inner_text().strip()
    offered.first.click()
    page.wait_for_function("document.querySelectorAll('#chat .pa-card').length === 2")
    assert page.locator("#chat .user-row").last.inner_text().strip() == question
    assert "pa-declined" not in last_card(page).get_attribute("class")  # an offered question is answered


def test_a_partial_decline_shows_related_clauses_as_such(page):
    ask(page, "培养高级技师的补贴什么时候发放？")  # the clause states amounts, no date
    card = last_card(page)
    assert "没有规定具体时间" in card.inner_text() and "相关条款" in card.inner_text()
    assert card.locator(".pa-doc-head").count() >= 1


def test_the_place_is_remembered_and_its_documents_preferred(page):
    stored = page.evaluate("localStorage.getItem('pa-place')")
    page.locator("#place input").click()
    page.get_by_role("option", name="盐城市").click()
    # the choice is written to the browser's storage (encrypted) by a round trip: reload only after it
    page.wait_for_function("before => localStorage.getItem('pa-place') !== before", arg=stored)
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_function("document.querySelector('#place input').value === '盐城市'")
    ask(page, "专精特新企业可以申请哪些融资产品？")
    assert "盐城市关于促进专精特新中小企业高质量发展的若干措施" in last_card(page).locator(".pa-doc-head").first.inner_text()
    page.locator("#place input").click()
    page.get_by_role("option", name="不限地区").click()
    page.wait_for_timeout(300)


def test_follow_up_and_new_conversation_clears_everything(page):
    ask(page, "省级专精特新小巨人企业的申报条件是什么？")
    ask(page, "那市级的呢？")
    assert "市级专精特新小巨人企业申报条件" in last_card(page).inner_text()
    page.click("#new")
    page.wait_for_function("document.querySelectorAll('#chat .pa-card').length === 0")
    ask(page, "那市级的呢？")  # no hidden earlier question to follow up
    assert page.locator("#chat .user-row").count() == 1
    assert "市级专精特新小巨人企业申报条件" not in last_card(page).inner_text()


def test_the_newest_answer_is_scrolled_into_view(page):
    for question in ("What do I need for provincial level?", "国家级专精特新小巨人企业的申报条件有哪些？"):
        ask(page, question)
    page.wait_for_timeout(300)
    chat, asked = page.locator("#chat").bounding_box(), page.locator("#chat .user-row").last.bounding_box()
    assert chat["y"] <= asked["y"] <= chat["y"] + 80  # the question on top, its answer read from the start


def test_stop_while_an_answer_is_coming(page, assistant, monkeypatch):
    import time

    slow_ask = assistant.ask
    monkeypatch.setattr(assistant, "ask", lambda *a, **k: (time.sleep(4), slow_ask(*a, **k))[1])
    page.fill("#question textarea", "国家级小巨人有多少奖励？")
    page.click("#send")
    page.wait_for_selector("#stop", state="visible")
    assert not page.locator("#send").is_visible()
    page.click("#stop")
    page.wait_for_selector("#send", state="visible")
    page.wait_for_timeout(4500)
    assert page.locator("#chat .pa-card").count() == 0  # the answer never lands after a stop


def test_thumbs_and_a_reason_are_stored(page, served):
    ask(page, "国家级小巨人有多少奖励？")
    page.locator("#chat button[aria-label='Feedback']").last.click()
    page.locator("#chat .extra-feedback-option").filter(has_text="过时").last.click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('谢谢')")
    with sqlite3.connect(served[1]) as db:
        row = db.execute("SELECT question, rating, comment FROM feedback ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("国家级小巨人有多少奖励？", "down", "过时")
    page.locator("#chat button[aria-label='Like']").last.click()
    page.wait_for_timeout(500)
    with sqlite3.connect(served[1]) as db:
        assert db.execute("SELECT rating FROM feedback ORDER BY id DESC LIMIT 1").fetchone() == ("up",)


def test_english_mode_shows_every_label_in_english(any_page):
    page = any_page
    page.get_by_label("English").check()
    page.wait_for_function("document.querySelector('#send').innerText.includes('Send')")
    ask(page, "Which bank products apply?")
    texts = [page.locator(s).inner_text() for s in ("#title", "#send", "#topics", "[role=tablist]")]
    texts += [page.locator("#question textarea").get_attribute("placeholder"), last_card(page).locator(".pa-summary").inner_text(),
              last_card(page).locator(".pa-original summary").first.inner_text(), page.locator("#place input").input_value()]
    assert not [t for t in texts if re.search(CJK, t or "")], texts
    page.get_by_role("tab", name="Self-check").click()
    labels = page.locator("#check-tab label, #check-tab .prose, #check-go").all_inner_texts()
    assert labels and not [t for t in labels if re.search(CJK, t)], labels
    page.get_by_label("中文").check()  # the choice is remembered: leave the next test in Chinese
    page.wait_for_function("document.querySelector('#send').innerText.includes('发送')")


def test_accessibility_names_keyboard_and_contrast(page):
    unnamed = page.evaluate("""() => [...document.querySelectorAll('button, input, textarea, select, a[href]')]
        .filter(e => e.offsetParent !== null)
        .filter(e => !(e.getAttribute('aria-label') || e.innerText.trim() || e.labels?.length || e.title
                       || e.getAttribute('aria-labelledby') || e.placeholder))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == []
    ask(page, "国家级小巨人有多少奖励？", press_enter=True)  # Enter sends
    page.click("#question textarea")
    page.keyboard.type("第一行")
    page.keyboard.press("Shift+Enter")  # Shift+Enter breaks the line
    page.keyboard.type("第二行")
    assert page.input_value("#question textarea") == "第一行\n第二行"
    assert page.locator("#chat .pa-card").count() == 1
    page.wait_for_function("!document.querySelector('#chat [aria-label*=\"<div\"]')")  # messages labelled by their text
    low = page.evaluate(CONTRAST_JS)
    assert low == [], low


# the WCAG contrast ratio of every visible text in the chat and controls against its background
CONTRAST_JS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                   .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                              if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = [];
  for (const e of document.querySelectorAll('#chat .pa-card *, #topics button, #send, #header *')) {
    if (!e.offsetParent || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const [a, b] = [lum(rgb(getComputedStyle(e).color).slice(0, 3)), lum(background(e))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(getComputedStyle(e).fontSize) >= 18.6;
    if (ratio < (large ? 3 : 4.5)) out.push(e.className + ': ' + ratio.toFixed(2) + ' ' + e.textContent.slice(0, 20));
  }
  return out;
}"""


def test_hostile_html_is_shown_as_text(page):
    ask(page, "<img src=x onerror=alert(1)><script>alert(2)</script>奖励")
    user_message = page.locator("#chat .user-row").last.inner_text()
    assert "<img src=x onerror=alert(1)>" in user_message and "<script>" in user_message


def test_empty_message_gets_a_hint(page):
    page.click("#send")
    page.wait_for_function("document.querySelector('#status').innerText.includes('请输入问题')")
    assert page.locator("#chat .user-row").count() == 0


def test_a_failing_request_shows_an_error_and_the_server_keeps_serving(page, assistant, monkeypatch):
    def broken_store(*args, **kwargs):  # the vector store going away mid-request
        raise ConnectionError("Chroma server unreachable")

    monkeypatch.setattr(assistant.retriever.store, "query", broken_store)
    page.fill("#question textarea", "Which bank products apply?")
    page.click("#send")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('出错了')")
    monkeypatch.undo()
    ask(page, "Which bank products apply?")
    assert "专精特新贷" in last_card(page).inner_text()


def test_the_workspace_tab_appears_only_on_the_staff_address(browser, workspace_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(workspace_url)
    page.wait_for_selector("#question textarea")
    assert "工作台 / Staff" not in page.locator("[role=tab]").all_inner_texts()
    page.goto(workspace_url + "?staff")
    page.wait_for_function("[...document.querySelectorAll('[role=tab]')].some(t => t.innerText.includes('工作台'))")
    page.get_by_role("tab", name="工作台 / Staff").click()
    assert not page.locator("#ws-body").is_visible()  # and still only with the token
    page.close()


HOSTILE = ("青石县人民政府\n2024年5月1日\n青石县专精特新企业奖励办法\n一、奖励标准\n"
           "1. 对新认定的省级专精特新企业给予30万元奖励，申报入口见[入口](http://evil.example/login)。\n"
           "2. 对新认定的国家级专精特新小巨人企业给予90万元奖励![x](http://evil.example/pixel.png)"
           "<img src=http://evil.example/i.png onerror=alert(1)>，详见 http://evil.example/more 。\n")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, settings_factory):
    """The chat over the knowledge base plus a document written to attack its readers."""
    from assistant.feedback import FeedbackStore
    from assistant.service import Assistant
    from assistant.web.app import build_app, page_options

    from .conftest import KNOWLEDGE, free_port

    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    (root / "knowledge" / "documents" / "qingshi.txt").write_text(HOSTILE, encoding="utf-8")
    assistant = Assistant.from_settings(settings_factory(knowledge_dir=root / "knowledge", index_dir=root / "index"),
                                        progress=False)
    app = build_app(assistant, FeedbackStore(root / "fb.sqlite")).queue()
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **page_options())
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
    assert "政策体检" in page.locator("[role=tab]").all_inner_texts()
    page.get_by_role("tab", name="政策体检").click()
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

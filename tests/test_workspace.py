"""The commissioners' workspace: token protection, API, and draft → edit → export in a browser."""

from __future__ import annotations

import os

import pytest

from .test_browser import CHROMIUM
from .test_web import free_port

from .conftest import TOKEN


@pytest.fixture(scope="module")
def client(workspace_url):
    from gradio_client import Client

    return Client(workspace_url, verbose=False)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])


def open_workspace(browser, url: str, token: str, name: str = "commissioner-zhang"):
    """The workspace tab after entering ``token``; the body is hidden until a right one is given."""
    page = browser.new_page(viewport={"width": 1300, "height": 1200})
    page.goto(url + "?staff")  # the tab is hidden on the public page
    page.get_by_role("tab", name="工作台 / Staff").click()
    assert not page.locator("#ws-body").is_visible()
    page.fill("#ws-token input", token)
    page.locator("#ws-who").locator("input, textarea").first.fill(name)
    page.click("#ws-enter")
    return page


@pytest.mark.parametrize("token", ["", "wrong-token", TOKEN + "x"])
def test_workspace_api_refuses_without_the_token(client, token):
    with pytest.raises(Exception, match="Unauthorised"):
        client.predict(token, api_name="/workspace_documents")
    with pytest.raises(Exception, match="Unauthorised"):
        client.predict(token, "国家级小巨人有多少奖励？", None, [], api_name="/workspace_draft")


def test_workspace_api_with_the_token(client):
    documents = client.predict(TOKEN, api_name="/workspace_documents")
    assert {d["doc_id"] for d in documents} >= {"jinhu-plan-2022", "yancheng-measures"}
    assert all(d["chunks"] > 0 for d in documents)
    assert "period_ended" in next(d for d in documents if d["doc_id"] == "jinhu-plan-2022")["flags"]
    draft = client.predict(TOKEN, "国家级小巨人有多少奖励？", None, [], api_name="/workspace_draft")
    assert "200万元" in draft["draft"] and draft["citations"][0]["doc_id"] == "sme-quality-plan"
    only = client.predict(TOKEN, "专精特新企业有哪些融资支持？", None, ["yancheng-measures"], api_name="/workspace_draft")
    assert {c["doc_id"] for c in only["citations"]} == {"yancheng-measures"}


def test_without_a_token_in_the_environment_nobody_gets_in(monkeypatch):
    from assistant.web.staff import AccessDenied, StaffSessions

    monkeypatch.delenv("POLICY_ASSISTANT_WORKSPACE_TOKEN", raising=False)
    sessions = StaffSessions()
    for token in ("", "anything", None):
        with pytest.raises(AccessDenied, match="Unauthorised"):
            sessions.login(token, "zhang")


def test_draft_edit_and_export_in_a_browser(workspace_url, tmp_path):
    import docx
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = open_workspace(browser, workspace_url, "wrong")
        page.wait_for_function("document.querySelector('#ws-status').innerText.includes('未授权')")
        assert not page.locator("#ws-body").is_visible()
        page.fill("#ws-token input", TOKEN)
        page.click("#ws-enter")
        page.wait_for_selector("#ws-body", state="visible")
        page.fill("#ws-question textarea", "省级专精特新小巨人企业（制造类）的申报条件有哪些？")
        page.click("#ws-draft")
        page.wait_for_function("document.querySelector('#ws-text textarea').value.includes('5000万元')")
        assert "附件4 省级专精特新小巨人企业申报条件" in page.locator("#ws-context").inner_text()
        before = page.locator("#ws-sources input[type=checkbox]").count()
        page.locator("#ws-extra input").click()
        page.locator("ul[role=listbox] li").first.click()
        page.click("#ws-add")
        page.wait_for_function(f"document.querySelectorAll('#ws-sources input[type=checkbox]').length === {before + 1}")
        edited = page.locator("#ws-text textarea").input_value() + "\n专员补充：申报前请咨询县工信局。"
        page.fill("#ws-text textarea", edited)
        boxes = page.locator("#ws-sources input[type=checkbox]")
        count = boxes.count()
        removed_label = page.locator("#ws-sources label").nth(count - 1).inner_text().strip()
        boxes.nth(count - 1).uncheck()
        page.click("#ws-docx")
        link = page.locator("#ws-file a").first
        link.wait_for()
        with page.expect_download() as download:
            link.click()
        path = tmp_path / "exported.docx"
        download.value.save_as(path)
        browser.close()
    paragraphs = [p.text for p in docx.Document(path).paragraphs]
    text = "\n".join(paragraphs)
    assert "专员补充：申报前请咨询县工信局。" in text and "5000万元以上" in text
    references = [p for p in paragraphs[paragraphs.index("参考条款 / References"):] if p.startswith("[")]
    assert len(references) == count - 1  # the unticked source is not exported
    assert not any(p.startswith(removed_label.split("]")[0] + "]") for p in references)


def test_upload_check_metadata_index_and_ask_in_a_browser(workspace_url, tmp_path):
    from playwright.sync_api import sync_playwright

    upload = tmp_path / "盐都奖励办法.txt"
    upload.write_bytes(("盐都区人民政府\n2024年3月1日\n盐都区专精特新企业奖励办法（2024-2026年）\n一、奖励标准\n"
                        "1. 对新认定的省级专精特新企业给予30万元奖励。\n").encode("gbk"))
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = open_workspace(browser, workspace_url, TOKEN)
        page.wait_for_selector("#ws-body", state="visible")
        page.get_by_role("tab", name="知识库 / Knowledge").click()
        page.wait_for_function("document.querySelector('#ws-docs').innerText.includes('jinhu-plan-2022')")
        page.locator("#ws-upload input[type=file]").set_input_files(str(upload))
        page.wait_for_function("document.querySelector('#ws-meta').innerText.includes('盐都区专精特新企业奖励办法')")
        # what ingest found is shown beside the metadata: chunks by kind (and any warnings)
        page.wait_for_function("document.querySelector('#ws-report').innerText.includes('条款 chunks')")
        assert "clause" in page.locator("#ws-report").inner_text()
        page.get_by_role("button", name="确认并索引 / Index").click()
        page.wait_for_function("document.querySelector('#ws-docs').innerText.includes('盐都区专精特新企业奖励办法')")
        table = page.locator("#ws-docs").inner_text()
        assert "宝应县" in table and "金湖县" in table  # an upload adds; nothing was replaced by default
        assert "已添加" in page.locator("#ws-status").inner_text()
        # the lists follow the change without a restart: remove offers the new document ...
        page.locator("#ws-removable input").click()
        page.locator("ul[role=listbox] li", has_text="盐都区专精特新企业奖励办法").click()
        page.click("#ws-remove")
        page.wait_for_selector("#ws-confirm-remove", state="visible")
        assert "确认删除 《盐都区专精特新企业奖励办法" in page.locator("#ws-status").inner_text()
        assert "盐都区专精特新企业奖励办法" in page.locator("#ws-docs").inner_text()  # not removed before confirming
        page.click("#ws-confirm-remove")
        page.wait_for_function("!document.querySelector('#ws-docs').innerText.includes('盐都区专精特新企业奖励办法')")
        page.click("#ws-undo")  # ... and removal can be undone
        page.wait_for_function("document.querySelector('#ws-docs').innerText.includes('盐都区专精特新企业奖励办法')")
        page.get_by_role("tab", name="浏览 / Browse").click()
        page.get_by_role("tab", name="问答").click()
        page.locator("#place input").click()  # ... and so does the chat's list of places
        assert page.locator("ul[role=listbox] li", has_text="盐都区").count() == 1
        page.keyboard.press("Escape")
        page.fill("#question textarea", "盐都区对新认定的省级专精特新企业奖励多少？")
        page.click("#send")
        page.wait_for_function("document.querySelector('#chat .pa-card')?.innerText.includes('盐都区专精特新企业奖励办法')")
        assert "30万元" in page.locator("#chat .pa-card").last.inner_text()
        browser.close()


def test_clause_tree_shows_how_a_document_was_split(assistant):
    from assistant.web.workspace import clause_tree

    html = clause_tree(assistant, "yancheng-measures")
    assert "<b>一、完善培育机制</b>" in html and "<b>1.加强组织领导</b>" in html
    first = next(c for c in assistant.retriever.chunks if c.doc_id == "yancheng-measures" and c.kind == "clause")
    assert f"<code>{first.chunk_id}</code>" in html
    assert html.index("一、完善培育机制") < html.index("二、增强创新能力")


def test_correct_a_parsed_criterion_and_check_a_batch_in_a_browser(workspace_app, assistant, tmp_path):
    import json

    from openpyxl import Workbook, load_workbook
    from playwright.sync_api import sync_playwright

    url, root = workspace_app
    sheet = Workbook()
    sheet.active.append(["企业名称", "地区", "类别", "主营业务收入", "利税总额"])
    sheet.active.append(["甲机械", "金湖县", "制造类", 6000, 500])
    sheet.active.append(["乙电子", "金湖县", "制造类", 1800, 100])
    sheet.save(tmp_path / "companies.xlsx")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = open_workspace(browser, url, TOKEN, "commissioner-li")
        page.wait_for_selector("#ws-body", state="visible")
        page.get_by_role("tab", name="体检批量 / Batch check").click()
        page.set_input_files("#ws-check-upload input[type=file]", str(tmp_path / "companies.xlsx"))
        page.click("#ws-check-go")
        link = page.locator("#ws-check-file a").first
        link.wait_for(timeout=60000)
        with page.expect_download() as download:
            link.click()
        download.value.save_as(tmp_path / "matrix.xlsx")
        page.get_by_role("tab", name="条件解析 / Criteria").click()
        page.wait_for_function("document.querySelector('#ws-criteria').innerText.includes('年主营业务收入2000万元以上')")
        assert "主营业务收入 >= 2000万元" in page.locator("#ws-criteria").inner_text()
        key = next(c.key for lv in assistant.checker.levels() for c in lv.criteria if "企业年主营业务收入2000万元以上" in c.text)
        assert key in page.locator("#ws-criteria").inner_text()
        page.locator("#ws-criterion input").click()
        page.locator("ul[role=listbox] li", has_text=key).first.click()
        page.wait_for_function("document.querySelector('#ws-condition').innerText.includes('\"2000\"')")
        corrected = {"kind": "compare", "metrics": ["main_revenue"], "op": ">=", "value": "2500", "text": "改为2500万元"}
        page.locator("#ws-condition .cm-content").fill(json.dumps(corrected, ensure_ascii=False))
        page.click("#ws-criterion-save")
        page.wait_for_function("document.querySelector('#ws-criterion-status').innerText.includes('已保存修正')")
        assert "修正 / corrected" in page.locator("#ws-criteria").inner_text()
        browser.close()
    matrix = list(load_workbook(tmp_path / "matrix.xlsx")["matrix"].iter_rows(values_only=True))
    pool = matrix[0].index("金湖县专精特新小巨人企业培育库 › 制造类")
    assert [r[0] for r in matrix[1:]] == ["甲机械", "乙电子"]
    assert "主营业务收入差200万元或利税总额差400万元" in matrix[2][pool]
    saved = json.loads((root / "knowledge" / "criteria.json").read_text(encoding="utf-8"))["corrections"][key]
    assert saved["value"] == "2500" and saved["metrics"] == ["main_revenue"]
    audit = (root / "knowledge" / "audit.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    assert '"correct-criterion"' in audit and "commissioner-li" in audit and key in audit

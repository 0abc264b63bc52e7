"""Where a thing is filed or reached: the platform filed through, where results are published,
and a channel asked by name (an e-mail, a website, a phone number). Pure patterns."""

from __future__ import annotations

import re

from ingest.structure import FIELD_LINE

# "在哪个平台报": which platform (a contact detail, named where things are filed)
PLATFORM_ASKED = r"(哪个|什么|啥)(平台|系统|网站|小程序|app|APP)"

# where something is filed or published (a platform, a website), not whom to phone
_WHERE_FILED = re.compile(PLATFORM_ASKED + r"|(在|去|到)哪儿?里?(交|报(?!名)|提交|申报|申请|办理|填报|公示|公布)|"
                          r"where (do|can|should|are|is) [^?]{0,40}(submit|file|apply|published|announced|posted)|"
                          r"(which|what) (platform|system|website|portal|app)\b", re.IGNORECASE)
# (a platform used or filed through, "用好江苏省中小企业公共服务平台", not one to be built: "搭建对接平台")
_PLATFORM = re.compile(r"[“\"][^”\"]{2,12}[”\"](平台|系统|小程序|app|APP)|"
                       r"(通过|登录|登陆|用好|使用|在)[\u4e00-\u9fff]{2,20}(平台|系统|网站)")
_ANY_PLATFORM_ASKED = re.compile(PLATFORM_ASKED + r"|(which|what) (platform|system|website|portal|app)\b|公示|公布|published|announced|posted",
                                 re.IGNORECASE)
_FILED_THROUGH = re.compile(r"(平台|系统|小程序|app|APP|网站)[^。；;]{0,10}(填报|填写|提交|申报|申请|上传|报送)")

# a channel asked by name, and how a clause states it
_CHANNELS = ((re.compile(r"邮箱|邮件|e-?mail", re.IGNORECASE), re.compile(r"邮箱|@|e-?mail", re.IGNORECASE)),
             (re.compile(r"网址|网站|website", re.IGNORECASE), re.compile(r"网址|网站|https?://|www\.", re.IGNORECASE)),
             (re.compile(r"电话|热线|phone|hotline|\b(call|ring)\b", re.IGNORECASE),
              re.compile(r"电话|热线|\d{3,4}-\d{7,8}|1\d{10}")))


def filed_through(ask: str, text: str) -> bool:
    """A place of filing asked, and ``text`` names a platform: for "去哪申请" one things are filed
    through ("在市工业和信息化局网站公示" is no place to apply); for "哪个平台" or where results are
    published, any."""
    return bool(_WHERE_FILED.search(ask) and _PLATFORM.search(text)
                and (_ANY_PLATFORM_ASKED.search(ask) or _FILED_THROUGH.search(text)))


def channel_missing(ask: str, sentence: str) -> bool:
    """Whether ``ask`` names channels (邮箱, 网址, 电话) of which ``sentence`` states none."""
    channels = [stated for asked, stated in _CHANNELS if asked.search(ask)]
    return bool(channels) and not any(stated.search(sentence) for stated in channels)


_REACHED_BY = re.compile(r"电话|热线|邮箱|地址|\d{3,4}-\d{7,8}|@")


def document_contacts(hit) -> bool:
    """A document's own contacts, for anything it covers: set out as fields, or a clause under a
    heading that names them (八、联系方式 …，联系人：…，电话：…), though no line repeats its subject."""
    # (a heading asking it, 【有疑问找谁？】 or 咨询渠道, names them too)
    return contact_block(hit.chunk.text) or bool(re.search(r"联系方式|联系人|联系电话|咨询电话|咨询方式|咨询渠道|找谁|问谁",
                                                          " ".join(hit.chunk.section_path[-1:])))


def contact_block(text: str) -> bool:
    """A document's contacts set out as fields, one per line: whom and where to reach about anything
    the document covers, though no line repeats its subject (the 公示's objections, its list)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and all(FIELD_LINE.match(line) for line in lines) and bool(_REACHED_BY.search(text))

"""The public page's style and its one script (phone first: the input on the first screen,
touch targets of 40 px or more, nothing wider than the viewport)."""

STYLE = """
.gradio-container{max-width:1100px!important;width:100%!important;margin:0 auto!important}
footer{display:none!important}
#header{display:flex!important;flex-direction:row!important;flex-wrap:nowrap!important;align-items:center;gap:.6em}
#header h1{font-size:1.35em;margin:0;white-space:nowrap}
#title{flex:1 1 auto!important;width:auto!important;min-width:0!important}
#language{flex:0 0 auto!important;width:auto!important;min-width:0!important}
#language .wrap{flex-wrap:nowrap!important;gap:4px}
#place{flex:0 0 190px!important;width:190px!important;min-width:0!important}
#chat{height:min(58vh,620px)!important}
#chat button[aria-label=Clear],#chat button[aria-label="清除"]{display:none!important}
@media (max-width:640px){
  .gradio-container{padding:0 6px!important}
  #header{flex-wrap:wrap!important;gap:.3em}
  #title{flex:1 1 100%!important}#header h1{font-size:1.1em}
  #place{flex:1 1 0!important;width:auto!important}
  #chat{height:calc(100dvh - 380px)!important;min-height:220px}
  #tabs button[role=tab]{padding:.35em .6em}
}
#composer{align-items:stretch;gap:6px;flex-wrap:nowrap}
#composer textarea{min-height:44px;font-size:16px}
#send,#stop{min-width:64px!important;max-width:96px;min-height:44px}
#send,#check-go{background:#c2410c!important;border-color:#c2410c!important;color:#fff!important}
#stop{background:#b91c1c!important;border-color:#b91c1c!important;color:#fff!important}
#topics{gap:6px;flex-wrap:wrap}
#topics button{flex:0 0 auto!important;min-width:0!important;min-height:40px;padding:0 .8em;font-size:.92em}
#to-check{border-color:#c2410c!important;color:#9a3412!important}
#chat button[aria-label]{min-width:40px;min-height:40px}
#chat .message-buttons button,#chat [class*=message-buttons] button{min-width:40px;min-height:40px}
#chat .message-buttons svg{width:20px;height:20px}
#status:empty{display:none}
.pa-welcome p{margin:.4em 0}.pa-welcome ul{margin:.2em 0 .4em 1.1em;padding:0}.pa-welcome li{margin:.15em 0}
.pa-welcome .pa-small{color:#4b5563;font-size:.88em}
.pa-card{line-height:1.65}
.pa-summary{font-weight:700;margin:0 0 .5em}
.pa-doc{border:1px solid #e5e7eb;border-radius:8px;padding:.5em .7em;margin:.5em 0;background:#fff}
.pa-doc-head{display:flex;flex-wrap:wrap;gap:.2em .6em;align-items:baseline;margin-bottom:.35em;font-size:.9em;color:#374151}
.pa-doc-title{font-weight:600;color:#111827;flex-basis:100%}
.pa-status{padding:0 .45em;border-radius:4px;background:#e0f2e9;color:#14532d}
.pa-status-draft,.pa-status-ended,.pa-status-expired{background:#fde2e1;color:#8a1c1c}
.pa-status-unknown{background:#f3f4f6;color:#374151}
.pa-group{font-weight:600;margin:.5em 0 .15em;color:#1f2937}
.pa-point{margin:.25em 0;white-space:pre-line}
.pa-point strong,.pa-lead strong{color:#9a3412}
.pa-gloss{color:#4b5563;font-size:.88em}
a.pa-chip{display:inline-block;min-width:1.7em;padding:0 .35em;margin:0 .1em;border-radius:999px;background:#ffedd5;
  color:#9a3412!important;font-size:.85em;text-align:center;text-decoration:none!important;line-height:1.6}
a.pa-chip{position:relative}
a.pa-chip::after{content:"";position:absolute;left:50%;top:50%;width:40px;height:40px;transform:translate(-50%,-50%)}
a.pa-chip:focus-visible,button.pa-ask:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
.pa-original{margin-top:.4em}.pa-original summary{cursor:pointer;color:#1d4ed8;min-height:40px;line-height:40px}
.pa-cite{border-left:3px solid #e5e7eb;padding:.2em .6em;margin:.4em 0}.pa-cite.pa-focus{border-color:#c2410c;background:#fff7ed}
.pa-path{font-size:.85em;color:#4b5563}.pa-ctx{font-size:.85em;color:#6b7280}
.pa-clause{white-space:pre-wrap}.pa-clause mark{background:#fff3a0;padding:0 .1em}
.pa-units,.pa-whom{font-size:.9em;color:#374151}.pa-whole{display:inline-block;min-height:40px;line-height:40px}
.pa-notes p{margin:.2em 0;color:#8a1c1c;font-size:.92em}
.pa-try p{margin:.4em 0 .2em}
button.pa-ask{display:block;width:100%;text-align:left;margin:.3em 0;padding:.5em .7em;min-height:44px;border:1px solid #fdba74;
  border-radius:8px;background:#fff7ed;color:#7c2d12;cursor:pointer}
.pa-searched{color:#374151}
.pa-user{white-space:pre-wrap}
"""

# One delegated listener for everything inside answer cards (the sanitiser keeps classes and
# hrefs, not scripts or data attributes), and an observer that brings each new question to the
# top of the chat, so that the answer under it is read from its beginning.
SCRIPT = """
<script>
(() => {
  const openCitation = (chip) => {
    const card = chip.closest('.pa-card'); if (!card) return;
    const n = (chip.getAttribute('href') || '').replace('#cite-', '');
    const block = card.querySelector('.pa-n-' + n); if (!block) return;
    for (let d = block.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    card.querySelectorAll('.pa-focus').forEach(e => e.classList.remove('pa-focus'));
    block.classList.add('pa-focus');
    block.scrollIntoView({block: 'nearest'});
  };
  document.addEventListener('click', (event) => {
    const chip = event.target.closest && event.target.closest('a.pa-chip');
    if (chip) { event.preventDefault(); openCitation(chip); return; }
    const ask = event.target.closest && event.target.closest('button.pa-ask');
    if (ask) {
      const box = document.querySelector('#question textarea');
      box.value = ask.textContent.trim();
      box.dispatchEvent(new Event('input', {bubbles: true}));
      setTimeout(() => document.querySelector('#send').click(), 30);
    }
  });
  let seen = 0, asked = 0;
  const bringNewestQuestion = () => {
    const users = document.querySelectorAll('#chat .user-row');
    if (users.length !== seen) { seen = users.length; asked = users.length ? Date.now() : 0; }
    if (!asked) return;
    const last = users[users.length - 1];
    let box = last.parentElement;
    while (box && box !== document.body && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement;
    if (!box || box === document.body) return;
    const offset = last.getBoundingClientRect().top - box.getBoundingClientRect().top - 4;
    if (Math.abs(offset) > 2) box.scrollTop += offset;
    // keep the question on top while its answer renders (it arrives in several steps)
    if (Date.now() - asked > 3000) asked = 0;
  };
  // Gradio labels a message with its raw content: our cards are HTML, so label them with their text
  const labelMessages = () => {
    for (const m of document.querySelectorAll('#chat [aria-label*="<div"]'))
      m.setAttribute('aria-label', m.innerText.trim().slice(0, 400));
  };
  new MutationObserver(labelMessages).observe(document.documentElement, {childList: true, subtree: true});
  new MutationObserver(bringNewestQuestion).observe(document.documentElement, {childList: true, subtree: true});
})();
</script>
"""

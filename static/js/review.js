/* newsclaims review pages: keyboard shortcuts, the claim panel beside the article, span selection.
 * Plain script, no build step, no inline code (the pages run under script-src 'self').
 * Everything here is an enhancement: every action is also a plain link or form post. */
(function () {
  "use strict";

  var current = null; // id of the claim the keyboard acts on

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function codePoints(s) { return Array.from(s).length; } // Python offsets count code points, JS strings UTF-16 units

  function toast(text) {
    var el = $("#toast");
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { el.hidden = true; }, 4000);
  }

  function navItems() { return $all("[data-nav] .nav-item"); }
  function itemFor(id) { return $('[data-nav] .nav-item[data-claim="' + id + '"]'); }
  function panel() { return $("#panel .claim-panel") || $(".claim-panel"); }
  function onArticlePage() { return !!$("#article-text"); }

  function markCurrent(id, focus) {
    current = id;
    $all(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
    var item = itemFor(id);
    if (item) {
      item.classList.add("is-current");
      if (focus) item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
    var first = null;
    $all("#article-text a.hl").forEach(function (a) {
      if ((" " + a.dataset.claims + " ").indexOf(" " + id + " ") >= 0) {
        a.classList.add("is-current");
        first = first || a;
      }
    });
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function loadPanel(id, href) {
    markCurrent(id, false);
    if (!window.htmx || !$("#panel")) { window.location.href = href; return; }
    window.htmx.ajax("GET", href, { target: "#panel", swap: "innerHTML" });
    var url = new URL(window.location.href);
    url.searchParams.set("claim", id);
    window.history.replaceState(null, "", url);
  }

  function move(step) {
    var items = navItems();
    if (!items.length) return;
    var index = items.findIndex(function (el) { return el.dataset.claim === current; });
    index = index < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, index + step));
    var item = items[index];
    if (onArticlePage()) loadPanel(item.dataset.claim, item.dataset.href);
    else markCurrent(item.dataset.claim, true);
  }

  // The form a key acts on: the current queue row's quick form, or the review form in the panel.
  function rowForm() {
    var item = current && itemFor(current);
    return item ? $("form.quick", item) : null;
  }
  function reviewForm() {
    var p = panel();
    return p ? $("form[data-review-form]", p) : null;
  }

  // A click, not requestSubmit(submitter): htmx learns which button submitted from the click.
  function submit(form, submitter) {
    if (submitter) submitter.click();
    else if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function setStatus(value, key) {
    var quick = !onArticlePage() && rowForm();
    if (quick) { var b = $('button[data-key="' + key + '"]', quick); if (b) submit(quick, b); return; }
    var form = reviewForm();
    if (!form) return;
    var radio = $('input[name="attribution_status"][value="' + value + '"]', form);
    if (radio) radio.checked = true;
    if (value === "wrong_speaker") {
      var field = $("[data-speaker-field]", form);
      if (field) { field.focus(); field.select(); toast("Type the right speaker, then press Enter to save."); }
      return;
    }
    submit(form);
  }

  function setRating(n) {
    var quick = !onArticlePage() && rowForm();
    var form = quick || reviewForm();
    if (!form) return;
    var select = $("[data-rating-select]", form);
    if (!select || !select.options[n - 1]) return;
    select.value = select.options[n - 1].value;
    submit(form, quick ? $('button[name="set_rating"]', quick) : null);
  }

  function addNote() {
    var p = panel();
    var field = p && $("[data-note-field]", p);
    if (field && (onArticlePage() || !current)) { field.focus(); return; }
    var item = current && itemFor(current);
    if (item) window.location.href = item.dataset.href + "#add-note";
    else if (field) field.focus();
  }

  // A key pressed while htmx is still sending or swapping waits for it: otherwise it would act
  // on a form htmx has not taken over yet (a full page post) or on a stale version.
  function busy() { return !!$(".htmx-request, .htmx-swapping, .htmx-settling"); }
  function whenIdle(fn) {
    if (!busy()) { fn(); return; }
    var waited = 0;
    var timer = setInterval(function () {
      waited += 25;
      if (!busy() || waited > 5000) { clearInterval(timer); fn(); }
    }, 25);
  }

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]");
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (e.key === "?") { if (!typing(e.target)) { e.preventDefault(); showShortcuts(); } return; }
    if (typing(e.target)) return;
    var handled = true;
    switch (e.key) {
      case "j": whenIdle(function () { move(1); }); break;
      case "k": whenIdle(function () { move(-1); }); break;
      case "c": whenIdle(function () { setStatus("confirmed", "c"); }); break;
      case "w": whenIdle(function () { setStatus("wrong_speaker", "w"); }); break;
      case "n": whenIdle(function () { setStatus("not_a_claim", "n"); }); break;
      case "e": whenIdle(addNote); break;
      case "Enter": {
        var item = current && itemFor(current);
        if (item && e.target === item) window.location.href = item.dataset.href; else handled = false;
        break;
      }
      default:
        if (/^[1-6]$/.test(e.key)) { var n = Number(e.key); whenIdle(function () { setRating(n); }); } else handled = false;
    }
    if (handled) e.preventDefault();
  });

  function showShortcuts() {
    var d = $("#shortcuts");
    if (d && !d.open) d.showModal();
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-shortcuts-open]")) { showShortcuts(); return; }
    var all = e.target.closest("[data-select-all]");
    if (all) {
      $all('input[name="claims"][form="bulk-form"]').forEach(function (box) { box.checked = all.checked; });
      return;
    }
    // On the article page a statement opens in the panel; elsewhere links behave as links.
    var link = e.target.closest("#article-text a.hl, [data-panel-link]");
    if (link && $("#panel") && window.htmx && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      var id = link.dataset.claim || link.closest("[data-claim]").dataset.claim;
      loadPanel(id, link.getAttribute("href"));
      return;
    }
    var row = e.target.closest("[data-nav] .nav-item");
    if (row && !onArticlePage()) markCurrent(row.dataset.claim, false);
  });

  // --- adjusting the statement span by selecting text in the context --------------------

  function pointOffset(root, container, offset) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var probe = document.createRange();
    var count = 0;
    var node;
    while ((node = walker.nextNode())) {
      if (node.parentElement && node.parentElement.closest("[data-skip]")) continue;
      if (node === container) return count + codePoints(node.data.slice(0, offset));
      probe.selectNodeContents(node);
      if (probe.comparePoint(container, offset) < 0) return count;
      count += codePoints(node.data);
    }
    return count;
  }

  function onSelect() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    var root = range.commonAncestorContainer.nodeType === 1
      ? range.commonAncestorContainer.closest("[data-span-source]")
      : range.commonAncestorContainer.parentElement.closest("[data-span-source]");
    if (!root) return;
    var p = root.closest(".claim-panel");
    var form = p && $("form[data-review-form]", p);
    if (!form) return;
    var base = Number(root.dataset.offset || 0);
    var text = range.toString();
    var lead = codePoints(text) - codePoints(text.replace(/^\s+/, ""));
    var trail = codePoints(text) - codePoints(text.replace(/\s+$/, ""));
    var start = base + pointOffset(root, range.startContainer, range.startOffset) + lead;
    var end = base + pointOffset(root, range.endContainer, range.endOffset) - trail;
    if (end <= start) return;
    $("[data-span-start]", form).value = start;
    $("[data-span-end]", form).value = end;
    var wrong = $('input[name="attribution_status"][value="wrong_span"]', form);
    if (wrong) wrong.checked = true;
    var preview = $("[data-span-preview]", form);
    if (preview) preview.textContent = "New statement span " + start + "–" + end + ": “" + text.trim() + "”. Save the review to apply it.";
  }
  document.addEventListener("mouseup", function (e) { if (e.target.closest && e.target.closest("[data-span-source]")) onSelect(); });
  document.addEventListener("keyup", function (e) { if (e.shiftKey) onSelect(); });

  // --- htmx glue -----------------------------------------------------------------------

  document.addEventListener("htmx:afterSwap", function () { if (current) markCurrent(current, false); });
  document.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    toast(status === 403 ? "You are not allowed to change this (editors only). Nothing was saved."
      : "The server could not save this (error " + status + "). Nothing was saved; try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("Could not reach the server. Nothing was saved; check the connection and try again.");
  });

  document.addEventListener("DOMContentLoaded", function () {
    var selected = new URL(window.location.href).searchParams.get("claim");
    if (selected && itemFor(selected)) markCurrent(selected, false);
    if (window.location.hash === "#add-note") {
      var field = $("[data-note-field]");
      if (field) field.focus();
    }
  });
})();

/* newsclaims review pages: keyboard shortcuts, the claim panel beside the article, the span editor, adding a
 * statement from a selection, the speaker typeahead, focus after a save and undo.
 * Plain script, no build step, no inline code or inline styles (the pages run under script-src/style-src 'self').
 * Everything here is an enhancement: every action is also a plain link or form post. */
(function () {
  "use strict";

  var current = null; // id of the claim the keyboard acts on
  var ROLES = ["content", "speaker", "cue"];
  var ROLE_WORDS = { content: "Statement", speaker: "Speaker mention", cue: "Cue" };

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
  function onArticlePage() { return !!$("#article-text[data-panel-target]"); }

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
    if (first && !focus) first.scrollIntoView({ block: "nearest" });
  }

  // Below 60rem the panel sits under the article text (newsclaims.css): an opened claim comes up into view
  // like a sheet, or a tap on a highlight would seem to do nothing.
  var stacked = window.matchMedia ? window.matchMedia("(max-width: 60rem)") : null;
  function showSheet() {
    var sheet = $("#panel");
    if (!sheet || !stacked || !stacked.matches) return;
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    sheet.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
  }

  function loadPanel(id, href) {
    markCurrent(id, false);
    if (!window.htmx || !$("#panel")) { window.location.href = href; return; }
    window.htmx.ajax("GET", href, { target: "#panel", swap: "innerHTML" }).then(showSheet);
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

  function focusSpeakerFix(form) {
    var radio = $('input[name="attribution_status"][value="wrong_speaker"]', form);
    if (radio) radio.checked = true;
    var field = $("[data-speaker-field]", form);
    if (field) { field.focus(); field.select(); toast("Type the right speaker and press Enter to save; Esc cancels."); }
  }

  function setStatus(value, key) {
    var quick = !onArticlePage() && rowForm();
    if (quick && value === "wrong_speaker") {
      // A quick row has nowhere to type the right speaker: open the claim with its speaker field focused.
      window.location.href = itemFor(current).dataset.href + "#fix-speaker";
      return;
    }
    if (quick) { var b = $('button[data-key="' + key + '"]', quick); if (b) submit(quick, b); return; }
    var form = reviewForm();
    if (!form) return;
    if (value === "wrong_speaker") { focusSpeakerFix(form); return; }
    var radio = $('input[name="attribution_status"][value="' + value + '"]', form);
    if (radio) radio.checked = true;
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

  function openAdd() {
    var link = $("[data-add-claim]");
    if (!link) return;
    if (!window.htmx || !$("#panel")) { window.location.href = link.href; return; }
    window.htmx.ajax("GET", link.getAttribute("href"), { target: "#panel", swap: "innerHTML" }).then(function () {
      var title = $("#claim-add-title");
      if (title) title.focus();
      toast("Select the statement in the text, then press Enter (or use the mouse).");
    });
  }

  // A key pressed while htmx is still sending or swapping waits for it: otherwise it would act
  // on a form htmx has not taken over yet (a full page post) or on a stale version.
  function busy() { return !!$(".htmx-request, .htmx-swapping, .htmx-settling"); }
  // Keys wait in one queue, in the order pressed: with a timer each, a later key could run first ("j n" acting
  // on the claim before j's move).
  var pendingKeys = [];
  var draining = false;
  function whenIdle(fn) {
    pendingKeys.push(fn);
    if (!draining) drain(0);
  }
  function drain(waited) {
    draining = true;
    if (busy() && waited < 5000) { setTimeout(function () { drain(waited + 25); }, 25); return; }
    var fn = pendingKeys.shift();
    if (fn) fn();
    if (pendingKeys.length) { drain(0); return; }
    draining = false;
  }

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]");
  }

  // Esc in a field: close its suggestions, else cancel the unsaved edit (the form back as loaded) and leave it.
  function escapeField(field) {
    var box = field.closest("[data-typeahead]");
    var list = box && $("[data-options]", box);
    if (list && !list.hidden) { closeOptions(box); return; }
    var form = field.form;
    if (form && !form.matches("#undo")) {
      form.reset();
      if (form.matches("[data-span-editor-form], [data-review-form], [data-add-form]")) previewSpans(form);
    }
    field.blur();
    focusClaim(current, false);
  }

  function focusClaim(id, advance) {
    if (advance && onArticlePage()) {
      var items = navItems();
      var index = items.findIndex(function (el) { return el.dataset.claim === String(id); });
      var next = items.slice(index + 1).concat(items.slice(0, Math.max(index, 0))).find(function (el) {
        return el.dataset.state === "unreviewed";
      });
      if (next) { loadPanel(next.dataset.claim, next.dataset.href); next.focus({ preventScroll: true }); return; }
    }
    var item = id && itemFor(id);
    if (item) { markCurrent(String(id), true); return; }
    var title = id && document.getElementById("claim-title-" + id);
    if (title) { title.focus(); return; }
    var main = $("#main");
    if (main) main.focus();
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && typing(e.target) && !e.target.closest("dialog[open]")) {
      e.preventDefault();
      escapeField(e.target);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (e.key === "?") { if (!typing(e.target)) { e.preventDefault(); showShortcuts(); } return; }
    if (typing(e.target)) return;
    if (e.target.closest && e.target.closest("[data-article-text]") && caretKey(e)) return;
    var handled = true;
    switch (e.key) {
      case "j": whenIdle(function () { move(1); }); break;
      case "k": whenIdle(function () { move(-1); }); break;
      case "c": whenIdle(function () { setStatus("confirmed", "c"); }); break;
      case "w": whenIdle(function () { setStatus("wrong_speaker", "w"); }); break;
      case "n": whenIdle(function () { setStatus("not_a_claim", "n"); }); break;
      case "e": whenIdle(addNote); break;
      case "a": whenIdle(openAdd); break;
      case "u": { var undo = $("#undo:not([hidden]) [data-undo-button]"); if (undo) undo.click(); else handled = false; break; }
      case "Enter": {
        var item = current && itemFor(current);
        if (item && e.target === item && !onArticlePage()) window.location.href = item.dataset.href;
        else if (item && e.target === item) loadPanel(current, item.dataset.href);
        else handled = false;
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
    var add = e.target.closest("[data-add-claim]");
    if (add && window.htmx && $("#panel") && e.button === 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); openAdd(); return; }
    var nudge = e.target.closest("[data-span-move]");
    if (nudge) { e.preventDefault(); nudgeSpan(nudge); return; }
    if (e.target.closest("[data-use-selection]")) { e.preventDefault(); useSelection(true); return; }
    var option = e.target.closest("[data-options] [role=option]");
    if (option) { pickOption(option); return; }
    // On the article page a statement opens in the panel; elsewhere links behave as links.
    var link = e.target.closest("#article-text a.hl, [data-panel-link]");
    if (link && $("#panel") && window.htmx && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      var sel = window.getSelection();
      if (sel && !sel.isCollapsed && $("[data-add-form]")) return; // a drag that ends on a highlight selects text
      var id = link.dataset.claim || link.closest("[data-claim]").dataset.claim;
      loadPanel(id, link.getAttribute("href"));
      return;
    }
    var row = e.target.closest("[data-nav] .nav-item");
    if (row && !onArticlePage()) markCurrent(row.dataset.claim, false);
  });

  // --- text offsets (code points) <-> DOM positions ------------------------------------------

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var node;
    while ((node = walker.nextNode())) {
      if (node.parentElement && node.parentElement.closest("[data-skip]")) continue;
      nodes.push(node);
    }
    return nodes;
  }

  function pointOffset(root, container, offset) {
    var probe = document.createRange();
    var count = 0;
    var nodes = textNodes(root);
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node === container) return count + codePoints(node.data.slice(0, offset));
      probe.selectNodeContents(node);
      if (probe.comparePoint(container, offset) < 0) return count;
      count += codePoints(node.data);
    }
    return count;
  }

  function domPoint(root, cp) {
    var nodes = textNodes(root);
    var count = 0;
    for (var i = 0; i < nodes.length; i++) {
      var chars = Array.from(nodes[i].data);
      if (cp <= count + chars.length) return { node: nodes[i], offset: chars.slice(0, cp - count).join("").length };
      count += chars.length;
    }
    var last = nodes[nodes.length - 1];
    return last ? { node: last, offset: last.data.length } : null;
  }

  // A span source: the text a span editor works on (the panel's context, or the whole article text).
  function sourceFor(form) {
    if (!form) return null;
    var root = form.matches("[data-add-form]") ? $("#article-text") : null;
    if (!root) { var p = form.closest(".claim-panel"); root = p && $("[data-span-source]", p); }
    if (!root) root = $("[data-article-text]");
    if (!root) return null;
    var chars = Array.from(textNodes(root).map(function (n) { return n.data; }).join(""));
    return { root: root, base: Number(root.dataset.offset || 0), chars: chars };
  }

  function rangeFor(src, start, end) {
    var a = domPoint(src.root, Math.max(0, start - src.base));
    var b = domPoint(src.root, Math.max(0, end - src.base));
    if (!a || !b) return null;
    var r = document.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }

  var WORD = /[\p{L}\p{N}_'’-]/u;
  function isSpace(ch) { return ch === undefined || /\s/.test(ch); }

  // Snap a selection to whole words, without the spaces around it.
  function snap(src, start, end) {
    var c = src.chars;
    var s = start - src.base;
    var e = end - src.base;
    while (s < e && isSpace(c[s])) s++;
    while (e > s && isSpace(c[e - 1])) e--;
    while (s > 0 && WORD.test(c[s - 1] || "") && WORD.test(c[s] || "")) s--;
    while (e < c.length && WORD.test(c[e] || "") && WORD.test(c[e - 1] || "")) e++;
    return [s + src.base, e + src.base];
  }

  // One word further (dir 1) or back (dir -1) from a start or an end position.
  function stepWord(src, pos, edge, dir) {
    var c = src.chars;
    var p = Math.min(c.length, Math.max(0, pos - src.base));
    if (edge === "end") {
      if (dir > 0) { while (p < c.length && isSpace(c[p])) p++; while (p < c.length && !isSpace(c[p])) p++; }
      else { while (p > 0 && !isSpace(c[p - 1])) p--; while (p > 0 && isSpace(c[p - 1])) p--; }
    } else if (dir > 0) { while (p < c.length && !isSpace(c[p])) p++; while (p < c.length && isSpace(c[p])) p++; }
    else { while (p > 0 && isSpace(c[p - 1])) p--; while (p > 0 && !isSpace(c[p - 1])) p--; }
    return p + src.base;
  }

  function sentenceEnd(src, pos) {
    var c = src.chars;
    var p = Math.min(c.length, Math.max(0, pos - src.base));
    while (p < c.length && isSpace(c[p])) p++;
    while (p < c.length && !/[.!?\n]/.test(c[p])) p++;
    while (p < c.length && /[.!?”"’]/.test(c[p])) p++;
    return p + src.base;
  }

  // The start of the sentence after the one the caret is in (or just after).
  function nextSentence(src, pos) {
    var c = src.chars;
    var p = Math.min(c.length, Math.max(0, pos - src.base));
    while (p < c.length && !(p > 0 && /[.!?\n”"’]/.test(c[p - 1]) && isSpace(c[p]))) p++;
    while (p < c.length && isSpace(c[p])) p++;
    return p + src.base;
  }

  // --- the span editor: typed offsets, nudges, a selection; a live preview of each span --------------

  function spanInput(form, role, edge) { return $('[data-span-input="' + role + ":" + edge + '"]', form); }
  function spanValue(form, role) {
    var a = spanInput(form, role, "start");
    var b = spanInput(form, role, "end");
    if (!a || !b || a.value === "" || b.value === "") return null;
    var s = Number(a.value);
    var e = Number(b.value);
    return isFinite(s) && isFinite(e) && s < e ? [s, e] : null;
  }
  function setSpan(form, role, start, end) {
    var a = spanInput(form, role, "start");
    var b = spanInput(form, role, "end");
    if (!a || !b) return;
    a.value = start;
    b.value = end;
    previewSpans(form);
  }

  function previewSpans(form) {
    var src = sourceFor(form);
    var out = $("[data-span-preview]", form);
    var lines = [];
    ROLES.forEach(function (role) {
      var span = spanValue(form, role);
      var name = "preview-" + role;
      if (window.CSS && CSS.highlights) CSS.highlights.delete(name);
      if (!span || !src) return;
      var r = rangeFor(src, span[0], span[1]);
      if (r && window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set(name, new Highlight(r));
      var text = src.chars.slice(span[0] - src.base, span[1] - src.base).join("");
      var clipped = span[0] < src.base || span[1] - src.base > src.chars.length;
      lines.push(ROLE_WORDS[role] + " " + span[0] + "–" + span[1] + ": “" + text + (clipped ? "…" : "") + "”");
    });
    if (out) out.textContent = lines.join(" · ");
    placeHandles(form, src);
  }

  // Drag handles at the two ends of the chosen span (mouse and touch; the ◀ ▶ buttons do the same by key).
  // Positions are set through the CSSOM, which the style-src policy allows (unlike style attributes).
  var handles = {};
  function handle(edge) {
    if (handles[edge]) return handles[edge];
    var h = document.createElement("span");
    h.className = "span-handle span-handle-" + edge;
    h.setAttribute("aria-hidden", "true");
    h.dataset.edge = edge;
    h.hidden = true;
    document.body.appendChild(h);
    handles[edge] = h;
    return h;
  }

  function placeHandles(form, src) {
    var role = activeRole(form);
    var span = spanValue(form, role);
    var r = span && src && form.isConnected ? rangeFor(src, span[0], span[1]) : null;
    var rects = r ? r.getClientRects() : [];
    ["start", "end"].forEach(function (edge) {
      var h = handle(edge);
      if (!rects.length) { h.hidden = true; return; }
      var rect = edge === "start" ? rects[0] : rects[rects.length - 1];
      h.hidden = false;
      h.style.left = (window.scrollX + (edge === "start" ? rect.left - 4 : rect.right - 2)) + "px";
      h.style.top = (window.scrollY + rect.top) + "px";
      h.style.height = rect.height + "px";
      h._form = form;
    });
  }

  function offsetAtPoint(root, x, y) {
    var pos = document.caretRangeFromPoint ? document.caretRangeFromPoint(x, y) : null;
    if (!pos || !root.contains(pos.startContainer)) return null;
    return Number(root.dataset.offset || 0) + pointOffset(root, pos.startContainer, pos.startOffset);
  }

  var dragging = null;
  document.addEventListener("pointerdown", function (e) {
    var h = e.target.closest && e.target.closest(".span-handle");
    if (!h || !h._form) return;
    e.preventDefault();
    dragging = { edge: h.dataset.edge, form: h._form };
    h.setPointerCapture(e.pointerId);
  });
  document.addEventListener("pointermove", function (e) {
    if (!dragging) return;
    var form = dragging.form;
    var src = sourceFor(form);
    var role = activeRole(form);
    var span = spanValue(form, role);
    var at = src && span ? offsetAtPoint(src.root, e.clientX, e.clientY) : null;
    if (at === null) return;
    var c = src.chars;
    var p = at - src.base;
    // Snap to a word boundary: a start to the start of its word, an end to the end of its word.
    if (dragging.edge === "start") { while (p > 0 && !isSpace(c[p - 1])) p--; if (p < span[1] - src.base) setSpan(form, role, p + src.base, span[1]); }
    else { while (p < c.length && p > 0 && !isSpace(c[p - 1]) && !isSpace(c[p])) p++; if (p > span[0] - src.base) setSpan(form, role, span[0], p + src.base); }
  });
  document.addEventListener("pointerup", function () { dragging = null; });
  var replacing = false;
  function replaceHandles() {
    if (replacing) return;
    replacing = true;
    window.requestAnimationFrame(function () {
      replacing = false;
      $all("form[data-review-form], form[data-add-form]").forEach(function (form) { placeHandles(form, sourceFor(form)); });
    });
  }
  window.addEventListener("resize", replaceHandles);
  document.addEventListener("scroll", replaceHandles, true);
  document.addEventListener("change", function (e) { if (e.target.matches("[data-span-role]")) previewSpans(e.target.form); });

  function nudgeSpan(button) {
    var form = button.closest("form");
    var parts = button.dataset.spanMove.split(":");
    var role = parts[0], edge = parts[1], dir = Number(parts[2]);
    var src = sourceFor(form);
    if (!src) return;
    var span = spanValue(form, role);
    if (!span) { toast("Set the " + ROLE_WORDS[role].toLowerCase() + " first: select it in the text."); return; }
    var pos = stepWord(src, edge === "start" ? span[0] : span[1], edge, dir);
    var start = edge === "start" ? pos : span[0];
    var end = edge === "end" ? pos : span[1];
    if (start >= end) { toast("The span cannot be shorter than one word."); return; }
    setSpan(form, role, start, end);
  }

  function activeRole(form) {
    var checked = $("[data-span-role]:checked", form);
    return checked ? checked.value : "content";
  }

  function nextRole(form, role) {
    var radios = $all("[data-span-role]", form);
    var index = radios.findIndex(function (r) { return r.value === role; });
    if (index >= 0 && index + 1 < radios.length) radios[index + 1].checked = true;
  }

  function selectionIn(root) {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    var base = Number(root.dataset.offset || 0);
    return [base + pointOffset(root, range.startContainer, range.startOffset), base + pointOffset(root, range.endContainer, range.endOffset)];
  }

  // The selection in a span source becomes the chosen role's span (snapped to words); in the add form the
  // role then moves on: statement, then speaker, then cue.
  function useSelection(explicit) {
    var form = $("[data-add-form]") || (panel() && $("form[data-review-form]", panel()));
    if (!form) return false;
    var src = sourceFor(form);
    var picked = src && selectionIn(src.root);
    if (!picked) { if (explicit) toast("Select some words in the text first."); return false; }
    var span = snap(src, picked[0], picked[1]);
    if (span[0] >= span[1]) return false;
    var role = activeRole(form);
    setSpan(form, role, span[0], span[1]);
    var status = $("[data-selection-status]", form);
    if (status) status.textContent = ROLE_WORDS[role] + " set.";
    if (form.matches("[data-add-form]")) { nextRole(form, role); previewSpans(form); }
    else {
      var radio = $('input[name="attribution_status"][value="' + (role === "content" ? "wrong_span" : "wrong_speaker") + '"]', form);
      if (radio && $('input[name="attribution_status"][value="unreviewed"]:checked', form)) radio.checked = true;
    }
    return true;
  }

  document.addEventListener("mouseup", function (e) {
    if (!e.target.closest) return;
    if (e.target.closest("[data-span-source]") || (e.target.closest("#article-text") && $("[data-add-form]"))) {
      setTimeout(function () { useSelection(false); }, 0);
    }
  });

  document.addEventListener("input", function (e) {
    var t = e.target;
    if (t.matches("[data-span-input]")) previewSpans(t.form);
    if (t.matches("[data-speaker-field]")) {
      var id = $("[data-speaker-id]", t.closest("[data-typeahead]"));
      if (id) id.value = "";
    }
  });

  // --- keyboard caret in the article text: words and sentences ------------------------------

  var caret = { anchor: null, focus: null };

  function showCaret(src) {
    var a = Math.min(caret.anchor, caret.focus);
    var b = Math.max(caret.anchor, caret.focus);
    var sel = window.getSelection();
    var r = rangeFor(src, a, b === a ? Math.min(src.chars.length, a + 1) : b);
    if (!r || !sel) return;
    sel.removeAllRanges();
    sel.addRange(r);
    if (a === b) { sel.collapseToStart(); }
    var node = r.startContainer.parentElement;
    if (node && node.scrollIntoView) node.scrollIntoView({ block: "nearest" });
  }

  // Arrow keys inside the article text move a caret by word (Shift extends the selection; Shift+Down by a
  // sentence), Enter hands the selection to the add form, Alt+arrows move between statements.
  function caretKey(e) {
    var keys = ["ArrowLeft", "ArrowRight", "ArrowDown", "ArrowUp", "Enter", "Home"];
    if (keys.indexOf(e.key) < 0) return false;
    var root = e.target.closest("[data-article-text]");
    var src = { root: root, base: 0, chars: Array.from(textNodes(root).map(function (n) { return n.data; }).join("")) };
    if (e.key === "Enter") {
      if (!$("[data-add-form]")) return false;
      e.preventDefault();
      useSelection(true);
      return true;
    }
    e.preventDefault();
    if (caret.focus === null || caret.focus > src.chars.length) { caret.anchor = caret.focus = 0; }
    if (e.key === "Home") { caret.anchor = caret.focus = 0; }
    else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      var dir = e.key === "ArrowRight" ? 1 : -1;
      if (e.shiftKey) caret.focus = stepWord(src, caret.focus, dir > 0 ? "end" : "start", dir);
      else { caret.focus = stepWord(src, caret.focus, "start", dir); caret.anchor = caret.focus; }
    } else if (e.key === "ArrowDown") {
      if (e.shiftKey) caret.focus = sentenceEnd(src, caret.focus);
      else { caret.focus = nextSentence(src, caret.focus); caret.anchor = caret.focus; }
    } else if (e.key === "ArrowUp") {
      var back = caret.focus;
      var c = src.chars;
      back = Math.max(0, back - 1);
      while (back > 0 && !/[.!?\n]/.test(c[back - 1])) back--;
      if (e.shiftKey) caret.focus = Math.max(caret.anchor, back); else { caret.focus = back; caret.anchor = back; }
    }
    showCaret(src);
    return true;
  }

  // --- the speaker typeahead ---------------------------------------------------------------

  function closeOptions(box) {
    var list = $("[data-options]", box);
    var field = $("[data-speaker-field]", box);
    if (list) list.hidden = true;
    if (field) { field.setAttribute("aria-expanded", "false"); field.removeAttribute("aria-activedescendant"); }
  }

  function pickOption(option) {
    var box = option.closest("[data-typeahead]");
    var field = $("[data-speaker-field]", box);
    var id = $("[data-speaker-id]", box);
    var create = $("[data-create-speaker]", box);
    field.value = option.dataset.name;
    if (option.hasAttribute("data-create")) { if (id) id.value = ""; if (create) create.checked = true; }
    else { if (id) id.value = option.dataset.speakerId; if (create) create.checked = false; }
    closeOptions(box);
    field.focus();
  }

  document.addEventListener("keydown", function (e) {
    var field = e.target.closest && e.target.closest("[data-speaker-field]");
    if (!field) return;
    var box = field.closest("[data-typeahead]");
    var list = $("[data-options]", box);
    var options = list && !list.hidden ? $all("[role=option]", list) : [];
    var active = options.length ? $(".is-active", list) : null;
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && options.length) {
      e.preventDefault();
      var index = options.indexOf(active) + (e.key === "ArrowDown" ? 1 : -1);
      index = (index + options.length) % options.length;
      options.forEach(function (o) { o.classList.remove("is-active"); o.setAttribute("aria-selected", "false"); });
      options[index].classList.add("is-active");
      options[index].setAttribute("aria-selected", "true");
      field.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else if (e.key === "Enter" && active) {
      e.preventDefault();
      e.stopPropagation();
      pickOption(active);
    }
  }, true);

  document.addEventListener("htmx:afterSwap", function (e) {
    var list = e.detail.target;
    if (list && list.matches && list.matches("[data-options]")) {
      var box = list.closest("[data-typeahead]");
      var field = $("[data-speaker-field]", box);
      var any = !!$("[role=option]", list);
      list.hidden = !any || document.activeElement !== field;
      field.setAttribute("aria-expanded", list.hidden ? "false" : "true");
      return;
    }
    if (current) markCurrent(current, false);
    var forms = $all("form[data-review-form], form[data-add-form]");
    if (!forms.length) Object.keys(handles).forEach(function (k) { handles[k].hidden = true; });
    forms.forEach(previewSpans);
  });

  document.addEventListener("focusout", function (e) {
    var box = e.target.closest && e.target.closest("[data-typeahead]");
    if (box) setTimeout(function () { if (!box.contains(document.activeElement)) closeOptions(box); }, 150);
  });

  // --- after a save: focus, undo --------------------------------------------------------------

  function advancing() { var box = $("[data-advance]"); return !!(box && box.checked); }

  init();
  function init() {
    document.body.addEventListener("claimSaved", function (e) {
      var id = e.detail && e.detail.id;
      if (id === undefined || id === null) return;
      // A save answered after the editor moved on (j, k) must not pull them back to the claim saved.
      if (current && current !== String(id)) return;
      var note = $("#toast");
      if (note) note.hidden = true; // a hint for the edit just saved ("type the right speaker") is done
      focusClaim(String(id), advancing());
    });
    document.body.addEventListener("undoOffer", function (e) { offerUndo(e.detail); });
  }

  function offerUndo(detail) {
    var form = $("#undo");
    if (!form || !detail || !detail.revert || !detail.revert.length) return;
    var fields = $("[data-undo-fields]", form);
    fields.textContent = "";
    function hidden(name, value) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      fields.appendChild(input);
    }
    detail.revert.forEach(function (v) { hidden("revert", v); });
    hidden("render", detail.render || "panel");
    hidden("query", detail.query || "");
    hidden("next", window.location.pathname + window.location.search);
    var target = detail.render === "queue" ? "#queue-results" : "#review-" + detail.claim;
    if ($(target)) { form.setAttribute("hx-target", target); form.setAttribute("hx-swap", "outerHTML"); }
    else { form.setAttribute("hx-target", "this"); form.setAttribute("hx-swap", "none"); }
    $("[data-undo-label]", form).textContent = detail.label + " ";
    form.hidden = false;
    clearTimeout(offerUndo.timer);
    offerUndo.timer = setTimeout(function () { if (!form.contains(document.activeElement)) form.hidden = true; }, 10000);
  }

  document.addEventListener("htmx:afterRequest", function (e) {
    var form = $("#undo");
    if (form && e.detail.elt === form) { form.hidden = true; clearTimeout(offerUndo.timer); }
  });

  document.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    toast(status === 403 ? "You are not allowed to change this (editors only). Nothing was saved."
      : "The server could not save this (error " + status + "). Nothing was saved; try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("Could not reach the server. Nothing was saved; check the connection and try again.");
  });

  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-advance]")) {
      try { window.localStorage.setItem("newsclaims.advance", e.target.checked ? "1" : ""); } catch (err) { /* private mode */ }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // On a phone the filters start folded (their summary counts those set), so the claims are on the first screen.
    if (window.matchMedia("(max-width: 40rem)").matches) {
      $all("details[data-fold-small]").forEach(function (d) { d.open = false; });
    }
    var box = $("[data-advance]");
    try { if (box) box.checked = window.localStorage.getItem("newsclaims.advance") === "1"; } catch (err) { /* private mode */ }
    var selected = new URL(window.location.href).searchParams.get("claim");
    if (selected && itemFor(selected)) markCurrent(selected, false);
    if (window.location.hash === "#add-note") {
      var field = $("[data-note-field]");
      if (field) field.focus();
    }
    if (window.location.hash === "#fix-speaker") {
      var form = reviewForm();
      if (form) focusSpeakerFix(form);
    }
    $all("form[data-review-form], form[data-add-form]").forEach(previewSpans);
    // A page-rendered undo (after a speaker merge) goes away like the others, unless it has focus.
    $all("[data-undo-timeout]").forEach(function (form) {
      setTimeout(function () { if (!form.contains(document.activeElement)) form.hidden = true; }, 10000);
    });
  });
})();

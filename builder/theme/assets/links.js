// Links to one place of a page: a row's 链接 copies the row's address, a followed link
// shows its place even inside a folded list, and a printed page says where it came from.
// Without this script the 链接 anchors still lead to the row and :target still marks it.
(function () {
  "use strict";

  function addressOf(anchor) {
    return location.href.split("#")[0] + anchor.getAttribute("href");
  }

  function say(anchor, text) {
    var note = anchor.parentNode.querySelector(".bs-copied");
    if (!note) {
      note = document.createElement("span");
      note.className = "bs-copied";
      note.setAttribute("role", "status");
      anchor.parentNode.insertBefore(note, anchor.nextSibling);
    }
    note.textContent = text;
    setTimeout(function () { note.textContent = ""; }, 4000);
  }

  function copy(event) {
    var anchor = event.target.closest ? event.target.closest("a.bs-copy") : null;
    if (!anchor) return;
    // The link still goes to its row, so the address bar holds the address to share even
    // where the clipboard is not offered (a plain-http intranet is not a secure context).
    var address = addressOf(anchor);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address).then(
        function () { say(anchor, "已复制链接"); },
        function () { say(anchor, "请复制地址栏中的链接"); }
      );
    } else {
      say(anchor, "请复制地址栏中的链接");
    }
  }

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) node.open = true;
    }
    target.scrollIntoView({ block: "start" });
  }

  function printed() {
    var address = document.querySelector("[data-bs-print-address]");
    var date = document.querySelector("[data-bs-print-date]");
    if (address) address.textContent = location.href;
    if (date) {
      var now = new Date();
      date.textContent = now.getFullYear() + "年" + (now.getMonth() + 1) + "月" +
        now.getDate() + "日";
    }
  }

  function setup() {
    document.addEventListener("click", copy);
    window.addEventListener("hashchange", reveal);
    window.addEventListener("beforeprint", printed);
    printed();
    if (location.hash) reveal();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

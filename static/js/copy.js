/* Copy buttons: copy the text of the element named by data-copy; the result is said aloud. */
(function () {
  var status = null;
  function say(text) {
    if (!status) {
      status = doc.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      doc.body.appendChild(status);
    }
    status.textContent = text;
  }
  function fallback(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
  function done(button, ok) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = ok ? "Copied" : "Select and copy";
    say(ok ? "Copied" : "Could not copy: select the text and copy it");
    setTimeout(function () { button.textContent = label; }, 1800);
  }
  doc.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-copy]");
    if (!button) return;
    var el = doc.getElementById(button.getAttribute("data-copy"));
    if (!el) return;
    if (el.hasAttribute("data-export") && !el.textContent) {
      lib.withExports(function () { copy(button, el); });
      return;
    }
    copy(button, el);
  });
  function copy(button, el) {
    var text = el.tagName === "TEXTAREA" ? el.value : el.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(button, true); }, function () { done(button, fallback(text)); });
    } else {
      done(button, fallback(text));
    }
  }
})();

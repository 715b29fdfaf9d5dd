/* Alur SKJ: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // Action buttons are links to a confirmation page; with JavaScript they open the <dialog> instead.
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        dialog.showModal();
        var first = dialog.querySelector("select, textarea, input:not([type=hidden])");
        if (first) { first.focus(); }
      }
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      closer.closest("dialog").close();
      return;
    }
    var remover = event.target.closest("[data-remove-row]");
    if (remover) {
      var row = remover.closest("[data-row]");
      var container = row.parentElement;
      row.remove();
      announce(document.documentElement.lang === "en" ? "Row removed." : "Baris dihapus.");
      var next = container.querySelector("[data-row] select, [data-row] input:not([type=hidden])");
      var fallback = container.parentElement.querySelector("button:not([data-remove-row])");
      (next || fallback || document.getElementById("main")).focus();
    }
  });

  // The language select submits itself; the button stays for keyboard users without JavaScript.
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
  });

  // Enter in the dictionary search must not save the whole editor form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input[type=search]") && event.target.form &&
        event.target.form.id === "editor-form") {
      event.preventDefault();
    }
  });

  // Warn before leaving the editor with unsaved changes.
  var dirty = false;
  document.addEventListener("input", function (event) {
    if (event.target.closest("#editor-form") && !event.target.matches("input[type=search]")) { dirty = true; }
    clearError(event.target);
  });
  document.addEventListener("change", function (event) { clearError(event.target); });

  // Once the user edits a field marked invalid, its old message no longer applies (it is checked
  // again on saving).
  function clearError(field) {
    var holder = field.closest("[aria-invalid=true]") || field.closest("fieldset[aria-describedby]");
    if (!holder || !holder.getAttribute("aria-describedby")) { return; }
    holder.getAttribute("aria-describedby").split(" ").forEach(function (id) {
      var message = document.getElementById(id);
      if (message && message.classList.contains("field-error")) { message.hidden = true; }
    });
    holder.removeAttribute("aria-invalid");
    var wrapper = holder.closest(".field.has-error");
    if (wrapper) { wrapper.classList.remove("has-error"); }
  }
  document.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  // After an htmx swap: read out the fragment's message and move focus to the new row.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var messages = target.querySelectorAll("[data-announce]");
    if (messages.length) {
      announce(messages[messages.length - 1].textContent);
      messages.forEach(function (node) { node.remove(); });
    } else if (target.matches && target.matches("[data-announce]")) {
      announce(target.textContent);
    }
    var swappedFromButton = event.detail.requestConfig && event.detail.requestConfig.elt &&
      event.detail.requestConfig.elt.tagName === "BUTTON";
    if (swappedFromButton && event.detail.requestConfig.elt.closest(".editor")) {
      var rows = target.querySelectorAll("[data-row]");
      var last = rows[rows.length - 1];
      if (last) {
        var field = last.querySelector("select, input:not([type=hidden])");
        if (field) { field.focus(); }
      }
      dirty = true;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // A replaced row (level chosen) keeps keyboard focus on its level select.
    var elt = event.detail.elt;
    if (elt && elt.matches && elt.matches("fieldset.comp-row") && event.detail.requestConfig &&
        event.detail.requestConfig.elt && event.detail.requestConfig.elt.tagName === "SELECT") {
      var select = document.getElementById(event.detail.requestConfig.elt.id);
      if (select) { select.focus(); }
      dirty = true;
    }
    var announceNodes = document.querySelectorAll("[data-announce]");
    if (announceNodes.length) {
      announce(announceNodes[announceNodes.length - 1].textContent);
      announceNodes.forEach(function (node) { node.remove(); });
    }
  });

  // Hide no-JavaScript fallbacks.
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();

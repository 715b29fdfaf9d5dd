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

  // A managerial or socio-cultural level under the position's minimum is flagged as soon as it is
  // chosen (the server renders the same warning when the row comes back).
  function checkMinimum(select) {
    var warning = document.getElementById(select.getAttribute("data-warning"));
    if (!warning) { return; }
    var level = parseInt(select.value, 10);
    var below = !isNaN(level) && level < parseInt(select.getAttribute("data-minimum"), 10);
    var ids = (select.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== warning.id;
    });
    if (below) { ids.unshift(warning.id); }
    warning.hidden = !below;
    if (ids.length) { select.setAttribute("aria-describedby", ids.join(" ")); }
    else { select.removeAttribute("aria-describedby"); }
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-minimum]")) { checkMinimum(event.target); }
  });

  // Fields with a length limit count what is typed; the number turns amber near the limit.
  function count(field) {
    var counter = document.getElementById(field.id + "-count");
    var number = counter && counter.querySelector("[data-count]");
    if (!number) { return; }
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    number.textContent = String(field.value.length);
    counter.classList.toggle("near", field.value.length >= limit * 0.9);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-counter]")) { count(event.target); }
  });

  // The sticky save bar must not hide the field in focus. CSS scroll-padding covers scrolling by
  // links; Chromium leaves a partly visible field where it is when tabbing, so lift it here.
  document.addEventListener("focusin", function (event) {
    var bar = document.querySelector(".sticky-save");
    if (!bar || bar.contains(event.target) || !event.target.closest("#editor-form")) { return; }
    var field = event.target.getBoundingClientRect();
    var covered = field.bottom - bar.getBoundingClientRect().top + 16;
    if (covered > 16) { window.scrollBy(0, Math.min(covered, Math.max(field.top - 16, 0))); }
  });

  // A link of the error list puts the cursor in its field, not only the field on screen.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-links a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    if (!field.matches("input, select, textarea, button, a")) { field.setAttribute("tabindex", "-1"); }
    field.focus();
  });

  // After a refused save or dialog the first problem gets the focus: the error list of the editor,
  // otherwise the first field marked invalid, otherwise the form's own error box.
  function focusFirstProblem() {
    var target = document.getElementById("error-summary") ||
      document.querySelector("main [aria-invalid=true]") ||
      document.querySelector("main .action-form .error-summary");
    if (!target) { return; }
    if (!target.matches("input, select, textarea, button, a")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  // Hide no-JavaScript fallbacks.
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-counter]").forEach(count);
    focusFirstProblem();
  });
})();

/*
 * The portal's forms (loaded by base.html with the page's CSP nonce; no inline script):
 * - the error summary of a failed submission takes the focus, and its links focus their field;
 * - a form marked `data-avertir-sortie` asks before the page is left with unsaved changes;
 * - in a dossier draft, the changes are saved by htmx (`brouillon:enregistrer`) when a field loses the
 *   focus and every 30 seconds while there are some;
 * - the DSFR upload component checks the size and the type of a file before sending it; in a dossier
 *   draft (`data-televersement-url`) the file is sent at once, with its progress, and joins the list of
 *   pieces. The server's checks stay the ones that count.
 * One request at a time per form: an autosave, an upload and the submission wait for each other.
 * - the navigation's count of unread messages is loaded after the page;
 * - an autocomplete keeps the suggestions checked in its selection.
 */
(function () {
  "use strict";

  var AUTOSAVE_EVENT = "brouillon:enregistrer";
  var AUTOSAVE_EVERY_MS = 30000;

  // --- Error summary --------------------------------------------------------------------------------
  function initErrorSummary() {
    var summary = document.querySelector("[data-resume-erreurs]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
  }

  // --- One request at a time per form -------------------------------------------------------------------
  var activities = new WeakMap();

  function activity(form) {
    var state = activities.get(form);
    if (state) {
      return state;
    }
    state = { busy: 0, queue: [], submitter: undefined };
    activities.set(form, state);
    form.addEventListener("submit", function (event) {
      if (state.busy > 0) {
        event.preventDefault();
        state.submitter = event.submitter || null;
      }
    });
    return state;
  }

  function begin(form) {
    activity(form).busy += 1;
  }

  function end(form) {
    var state = activity(form);
    state.busy -= 1;
    while (state.busy === 0 && state.queue.length) {
      state.queue.shift()();
    }
    if (state.busy === 0 && state.submitter !== undefined) {
      var submitter = state.submitter;
      state.submitter = undefined;
      form.requestSubmit(submitter);
    }
  }

  function whenIdle(form, task) {
    var state = activity(form);
    if (state.busy === 0) {
      task();
    } else {
      state.queue.push(task);
    }
  }

  // --- Unsaved changes and autosave -------------------------------------------------------------------
  function tracksChanges(element) {
    return (
      element.name && element.type !== "search" && element.type !== "file" && element.name !== "csrfmiddlewaretoken"
    );
  }

  function initUnsavedWarning(form) {
    var changes = { made: 0, saved: 0, requested: 0, submitting: false };
    var pending = function () {
      return changes.made !== changes.saved;
    };
    var onChange = function (event) {
      if (tracksChanges(event.target)) {
        changes.made += 1;
      }
    };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function () {
      changes.submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (pending() && !changes.submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    var autosave = form.querySelector("[hx-trigger='" + AUTOSAVE_EVENT + "']");
    if (!autosave || !window.htmx) {
      return;
    }
    var save = function () {
      if (pending() && !changes.submitting && activity(form).busy === 0) {
        changes.requested = changes.made;
        window.htmx.trigger(autosave, AUTOSAVE_EVENT);
      }
    };
    autosave.addEventListener("htmx:beforeRequest", function () {
      begin(form);
    });
    autosave.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.successful) {
        changes.saved = changes.requested;
      }
      end(form);
    });
    form.addEventListener("focusout", function (event) {
      if (tracksChanges(event.target)) {
        save();
      }
    });
    window.setInterval(save, AUTOSAVE_EVERY_MS);
  }

  // --- Upload component ---------------------------------------------------------------------------------
  function say(group, text, isError) {
    var box = group.querySelector("[data-televersement-messages]");
    var line = document.createElement("p");
    line.className = isError ? "fr-error-text" : "fr-valid-text";
    line.textContent = text;
    box.replaceChildren(line);
    group.classList.toggle("fr-upload-group--error", Boolean(isError));
  }

  function refusal(input, file) {
    var max = parseInt(input.dataset.tailleMax || "0", 10);
    if (max && file.size > max) {
      return (
        "Le fichier « " + file.name + " » dépasse la taille maximale autorisée (" + input.dataset.tailleMaxTexte + ")."
      );
    }
    var accepted = (input.getAttribute("accept") || "").split(",").filter(Boolean);
    var name = file.name.toLowerCase();
    var known = accepted.some(function (entry) {
      return entry.charAt(0) === "." ? name.endsWith(entry) : file.type === entry;
    });
    if (accepted.length && !known) {
      return "Le fichier « " + file.name + " » n'est pas d'un type accepté (" + input.dataset.formats + ").";
    }
    return "";
  }

  function upload(form, input, file) {
    var group = input.closest("[data-televersement]");
    var progress = group.querySelector("[data-televersement-progression]");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("action", "televerser");
    data.append(input.name, file);
    input.value = ""; // the form must not send it a second time
    begin(form);
    var request = new XMLHttpRequest();
    request.open("POST", form.dataset.televersementUrl);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    progress.hidden = false;
    progress.value = 0;
    say(group, "Envoi de « " + file.name + " » en cours…", false);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        answer = { errors: ["L'envoi a échoué. Choisissez de nouveau le fichier."] };
      }
      progress.hidden = true;
      if (request.status === 200 && answer.pieces !== undefined) {
        document.getElementById("pieces-du-dossier").innerHTML = answer.pieces;
        say(group, answer.message, false);
      } else {
        say(group, (answer.errors || ["L'envoi a échoué."]).join(" "), true);
      }
      end(form);
    });
    request.addEventListener("error", function () {
      progress.hidden = true;
      say(group, "L'envoi a échoué : choisissez de nouveau le fichier, puis enregistrez le formulaire.", true);
      end(form);
    });
    request.send(data);
  }

  function initUpload(input) {
    input.addEventListener("change", function () {
      var group = input.closest("[data-televersement]");
      var file = input.files && input.files[0];
      if (!file || !group) {
        return;
      }
      var problem = refusal(input, file);
      if (problem) {
        input.value = "";
        say(group, problem, true);
        return;
      }
      var form = input.form;
      if (form && form.dataset.televersementUrl && document.getElementById("pieces-du-dossier")) {
        activity(form);
        whenIdle(form, function () {
          upload(form, input, file);
        });
      } else {
        say(group, "Fichier « " + file.name + " » prêt à être envoyé avec le formulaire.", false);
      }
    });
  }

  // --- Unread messages of the navigation -----------------------------------------------------------------
  function initUnreadCount(badge) {
    window
      .fetch(badge.dataset.messagesNonLus, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        badge.innerHTML = html;
      })
      .catch(function () {
        return null; // the count is a convenience: the page works without it
      });
  }

  // --- Autocomplete (config/autocomplete.py) --------------------------------------------------------------
  // A suggestion checked joins the selection, so that the next search does not take it away; a radio
  // replaces the previous choice.
  function initAutocomplete() {
    document.addEventListener("change", function (event) {
      var input = event.target;
      var box = input.closest ? input.closest("[data-autocomplete]") : null;
      if (!box || !input.checked) {
        return;
      }
      var selection = box.querySelector(".portal-autocomplete__selection");
      var choice = input.closest(".fr-radio-group, .fr-checkbox-group");
      if (!selection || !choice || selection.contains(choice)) {
        return;
      }
      var stale = input.type === "radio" ? selection.children : selection.querySelectorAll("p");
      Array.prototype.slice.call(stale).forEach(function (element) {
        element.remove();
      });
      selection.appendChild(choice);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initErrorSummary();
    initAutocomplete();
    document.querySelectorAll("[data-messages-non-lus]").forEach(initUnreadCount);
    document.querySelectorAll("form[data-avertir-sortie]").forEach(initUnsavedWarning);
    document.querySelectorAll("input.fr-upload").forEach(initUpload);
  });
})();

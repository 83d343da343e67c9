/*
 * Portrait de territoire: picking communes on the map (portraits/carte.py). The codes field stays the source of
 * truth: a commune clicked, or activated with Enter or Space, has its INSEE code added to the field or removed from
 * it; the shapes' aria-pressed and the listing under the map follow the field, also when it is typed in.
 */
(function () {
  "use strict";

  var SEPARATORS = /[\s,;]+/;

  function field() {
    return document.getElementById("id_communes");
  }

  function codes() {
    var input = field();
    if (!input) {
      return [];
    }
    return input.value
      .split(SEPARATORS)
      .map(function (code) {
        return code.trim().toUpperCase();
      })
      .filter(function (code, index, all) {
        return code && all.indexOf(code) === index;
      });
  }

  function sync() {
    var chosen = codes();
    var names = [];
    document.querySelectorAll("[data-commune]").forEach(function (shape) {
      var pressed = chosen.indexOf(shape.getAttribute("data-commune")) !== -1;
      shape.setAttribute("aria-pressed", pressed ? "true" : "false");
      if (pressed) {
        names.push(shape.getAttribute("data-nom"));
      }
    });
    var status = document.getElementById("carte-selection");
    if (status) {
      status.textContent = names.length
        ? status.getAttribute("data-texte") + " " + names.join(", ") + "."
        : status.getAttribute("data-vide");
    }
  }

  function toggle(shape) {
    var input = field();
    if (!input) {
      return;
    }
    var code = shape.getAttribute("data-commune");
    var chosen = codes();
    var index = chosen.indexOf(code);
    if (index === -1) {
      chosen.push(code);
    } else {
      chosen.splice(index, 1);
    }
    input.value = chosen.join(", ");
    sync();
  }

  document.addEventListener("click", function (event) {
    var shape = event.target.closest && event.target.closest("[data-commune]");
    if (shape) {
      event.preventDefault();
      toggle(shape);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") {
      return;
    }
    var shape = event.target.closest && event.target.closest("[data-commune]");
    if (shape) {
      event.preventDefault();
      toggle(shape);
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target === field()) {
      sync();
    }
  });
  document.body.addEventListener("htmx:afterSwap", sync);
  sync();
})();

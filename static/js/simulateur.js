/*
 * Zonage simulator: a click on a commune of the map selects its territoire de vie-santé in the table (focus on its
 * zone selector, so the zone is changed from the keyboard as from the mouse). With htmx present, changes are saved
 * as they are made: the per-row « Enregistrer » buttons (the no-JavaScript path) are hidden. The table is paginated: a
 * territory picked on the map but not on the page shown opens the page that holds it.
 */
(function () {
  "use strict";

  if (window.htmx) {
    document.querySelectorAll(".scenario-sans-js").forEach(function (button) {
      button.hidden = true;
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      document.querySelectorAll(".scenario-sans-js").forEach(function (button) {
        button.hidden = true;
      });
    });
  }

  document.body.addEventListener("choropleth-select", function (event) {
    var row = document.getElementById("tvs-" + event.detail.tvs_id);
    if (!row) {
      // The table is paginated: open the page that holds this territory.
      if (event.detail.tvs_id) {
        window.location.assign("?tvs=" + encodeURIComponent(event.detail.tvs_id) + "#tvs-" + event.detail.tvs_id);
      }
      return;
    }
    document.querySelectorAll(".scenario-selection").forEach(function (other) {
      other.classList.remove("scenario-selection");
    });
    row.classList.add("scenario-selection");
    row.scrollIntoView({ block: "center" });
    var select = row.querySelector("select");
    if (select) {
      select.focus();
    }
  });
})();

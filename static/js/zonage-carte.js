/*
 * Zonage map page: after following a page link of the data table (?page=N, no fragment), bring the
 * table (open, see the view's table_open) into view instead of leaving the user at the top of the page.
 */
(function () {
  "use strict";
  if (window.location.hash || !new URLSearchParams(window.location.search).has("page")) {
    return;
  }
  var table = document.getElementById("tableau");
  if (table) {
    table.scrollIntoView();
  }
})();

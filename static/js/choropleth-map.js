/*
 * Reusable choropleth map (Leaflet, no base tiles by default): colours GeoJSON features by
 * `feature.properties.couleur` and shows a tooltip and a popup with the feature's details.
 *
 * Markup (no inline script — strict CSP):
 *   <div class="js-choropleth-map" data-geojson-url="/…" data-label-field="nom"
 *        data-details='["zone_libelle:Zone", "population:Population"]' aria-label="…"></div>
 * Optional data-tiles-url enables base tiles (off by default: the map works offline); with data-tiles-toggle
 * (the id of a checkbox), the tiles are shown only while the checkbox is checked.
 * Optional data-link-template ("/zonage/ma-commune/00000/") + data-link-field ("code") + data-link-label add a
 * link to each feature's page in its popup. Optional data-focus ("37132,37072"): after loading, the map is
 * centred on those features (the popup opens when there is one).
 * Other pages (CPTS perimeters…) reuse it with their own JSON endpoint and properties; Point features
 * (MSP sites) are drawn as circle markers. Optional data-status-text: message after loading, "{n}" = count,
 * "singular|plural" forms.
 * Optional data-reload-event: the name of an event (on document.body, e.g. sent by htmx through HX-Trigger) after
 * which the GeoJSON is fetched again and the map redrawn (same view).
 * Optional data-select-event: clicking a feature dispatches this event on the map element (bubbling), its detail
 * being the feature's properties; with data-selectable="true" a click also toggles the feature's selection (thick
 * outline; data-key-field names the property that identifies it, data-selected the keys selected at load).
 */
(function () {
  "use strict";

  function escapeHtml(value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function formatValue(value) {
    if (typeof value === "number") {
      return value.toLocaleString("fr-FR");
    }
    return value === null || value === undefined || value === "" ? "—" : value;
  }

  function parseDetails(element) {
    try {
      return JSON.parse(element.dataset.details || "[]").map(function (spec) {
        var parts = spec.split(":");
        return { field: parts[0], label: parts.slice(1).join(":") || parts[0] };
      });
    } catch (error) {
      return [];
    }
  }

  function popupHtml(properties, labelField, details, element) {
    var rows = details
      .map(function (detail) {
        return "<dt>" + escapeHtml(detail.label) + "</dt><dd>" + escapeHtml(formatValue(properties[detail.field])) + "</dd>";
      })
      .join("");
    var link = "";
    var template = element.dataset.linkTemplate;
    var value = properties[element.dataset.linkField || "code"];
    if (template && value) {
      link =
        '<p><a href="' +
        escapeHtml(template.replace("00000", encodeURIComponent(value))) +
        '">' +
        escapeHtml(element.dataset.linkLabel || "Voir la page") +
        "</a></p>";
    }
    return "<strong>" + escapeHtml(properties[labelField]) + "</strong><dl>" + rows + "</dl>" + link;
  }

  // Base tiles: always on when configured without a toggle, else only while the toggle is checked.
  function setupTiles(element, map) {
    if (!element.dataset.tilesUrl) {
      return;
    }
    var tiles = window.L.tileLayer(element.dataset.tilesUrl, { attribution: element.dataset.tilesAttribution || "" });
    var toggle = element.dataset.tilesToggle ? document.getElementById(element.dataset.tilesToggle) : null;
    if (!toggle) {
      tiles.addTo(map);
      return;
    }
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        tiles.addTo(map);
      } else {
        map.removeLayer(tiles);
      }
    });
  }

  // Centre the map on the searched features; open the popup of a single one.
  function focusFeatures(element, map, layer) {
    var codes = (element.dataset.focus || "").split(",").filter(Boolean);
    if (!codes.length) {
      return false;
    }
    var field = element.dataset.linkField || "code";
    var matches = layer.getLayers().filter(function (featureLayer) {
      return codes.indexOf(String(featureLayer.feature.properties[field])) !== -1;
    });
    if (!matches.length) {
      return false;
    }
    var group = window.L.featureGroup(matches);
    map.fitBounds(group.getBounds(), { maxZoom: 11, animate: false });
    matches.forEach(function (featureLayer) {
      featureLayer.setStyle({ weight: 3, color: "#000091" });
    });
    if (matches.length === 1) {
      // Opened once the map has settled, so that Leaflet pans it to show the whole popup.
      window.setTimeout(function () {
        matches[0].openPopup();
      }, 0);
    }
    element.dataset.focused = String(matches.length);
    return true;
  }

  // "singular|plural" with {n}; French agreement: below 2 is singular.
  function statusText(template, count) {
    var forms = (template || "{n} territoire affiché sur la carte.|{n} territoires affichés sur la carte.").split("|");
    var text = count >= 2 && forms.length > 1 ? forms[1] : forms[0];
    return text.replace("{n}", count.toLocaleString("fr-FR"));
  }

  function init(element) {
    if (!window.L || element.dataset.mapReady) {
      return null;
    }
    element.dataset.mapReady = "1";
    var labelField = element.dataset.labelField || "nom";
    var details = parseDetails(element);
    var map = window.L.map(element, { zoomSnap: 0.25, fadeAnimation: false, attributionControl: Boolean(element.dataset.tilesUrl) });
    setupTiles(element, map);
    map.setView([47.5, 1.7], 7);
    var status = document.getElementById(element.dataset.statusId || "");
    var keyField = element.dataset.keyField || "code";
    var selectable = element.dataset.selectable === "true";
    var selected = new Set((element.dataset.selected || "").split(",").filter(Boolean));
    var current = null;

    function baseStyle(feature) {
      var isSelected = selectable && selected.has(String(feature.properties[keyField]));
      return {
        color: isSelected ? "#000091" : "#555",
        weight: isSelected ? 3 : 0.5,
        fillOpacity: 0.8,
        fillColor: feature.properties.couleur || "#ccc",
      };
    }

    function load(fit) {
      return fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (current) {
          map.removeLayer(current);
        }
        var layer = window.L.geoJSON(data, {
          // Point features (e.g. MSP sites) are drawn as circle markers coloured like the polygons.
          pointToLayer: function (feature, latlng) {
            return window.L.circleMarker(latlng, { radius: 6 });
          },
          style: baseStyle,
          onEachFeature: function (feature, featureLayer) {
            featureLayer.bindTooltip(escapeHtml(feature.properties[labelField]), { sticky: true });
            if (!element.dataset.selectEvent) {
              featureLayer.bindPopup(popupHtml(feature.properties, labelField, details, element));
            }
            featureLayer.on("click", function () {
              if (selectable) {
                var key = String(feature.properties[keyField]);
                if (selected.has(key)) {
                  selected.delete(key);
                } else {
                  selected.add(key);
                }
                featureLayer.setStyle(baseStyle(feature));
              }
              if (element.dataset.selectEvent) {
                var detail = Object.assign({}, feature.properties, { selected: selected.has(String(feature.properties[keyField])) });
                element.dispatchEvent(new CustomEvent(element.dataset.selectEvent, { bubbles: true, detail: detail }));
              }
            });
            featureLayer.on("mouseover", function () {
              featureLayer.setStyle({ weight: 2, color: "#000" });
            });
            featureLayer.on("mouseout", function () {
              layer.resetStyle(featureLayer);
            });
          },
        }).addTo(map);
        current = layer;
        if (fit && !focusFeatures(element, map, layer) && layer.getLayers().length) {
          map.fitBounds(layer.getBounds());
        }
        element.dataset.featureCount = String(layer.getLayers().length);
        if (status) {
          status.textContent = statusText(element.dataset.statusText, layer.getLayers().length);
        }
      })
      .catch(function () {
        if (status) {
          status.textContent = "La carte n'a pas pu être chargée ; le tableau ci-dessous donne les mêmes informations.";
        }
      });
    }
    load(true);
    if (element.dataset.reloadEvent) {
      document.body.addEventListener(element.dataset.reloadEvent, function () {
        load(false);
      });
    }
    element.choroplethSelection = selected;
    return map;
  }

  window.ChoroplethMap = { init: init };
  document.querySelectorAll(".js-choropleth-map").forEach(init);
})();

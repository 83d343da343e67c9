import csv
import io

from rest_framework.renderers import BaseRenderer

from config.exports import neutralise


class CsvRenderer(BaseRenderer):
    """Flat CSV (semicolon, UTF-8 with BOM for spreadsheet software) of a list of flat objects."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, dict):  # an error
            data = [data]
        buffer = io.StringIO()
        if data:
            writer = csv.DictWriter(buffer, fieldnames=list(data[0].keys()), delimiter=";", extrasaction="ignore")
            writer.writeheader()
            writer.writerows({key: neutralise(value) for key, value in row.items()} for row in data)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

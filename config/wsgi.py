import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Import every view now rather than on the first request, then move what start-up built (apps, models, URLconf,
# views: ≈ 230 000 objects) out of the collector's generations. A full collection during a request then scans that
# request's objects only: on the indicator battery, a 130 ms pause every few dozen requests became ≈ 5 ms
# (bench/run.py, p95).
get_resolver().url_patterns  # noqa: B018
gc.freeze()

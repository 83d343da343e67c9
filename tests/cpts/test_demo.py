import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_demo_refused_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="IS_DEMO"):
        call_command("demo_cpts")

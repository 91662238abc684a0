import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phuly_members.settings")

application = get_wsgi_application()

# Late import: it uses the settings and the apps, ready only now.
from phuly_members.warmup import warm_up  # noqa: E402

warm_up()

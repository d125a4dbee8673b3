import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trama.settings")
# Tells the settings that requests will be served: the development SECRET_KEY is then refused
# (unless DEBUG or TRAMA_DEMO_MODE is on).
os.environ.setdefault("TRAMA_SERVING", "1")
application = get_wsgi_application()

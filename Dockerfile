# Alur SKJ: one image for the web server, the Celery worker, Celery beat and the migrate step.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings

WORKDIR /app

RUN groupadd --system --gid 10001 alur \
    && useradd --system --uid 10001 --gid alur --home-dir /app --no-create-home --shell /usr/sbin/nologin alur

# Debian packages of the app (WeasyPrint's Pango and HarfBuzz, the fonts PDFs embed), from the same list
# as `make install` and .ci/run.
COPY debian-packages.txt ./
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(grep -v '^#' debian-packages.txt) \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them; every wheel is checked against its hash.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .

# Static files are collected into the image. The settings refuse to load without a real SECRET_KEY
# when DEBUG is off, so the build passes a throwaway one that never reaches a running container.
RUN SECRET_KEY=build-time-only-not-used-at-runtime \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media \
    && chown alur:alur /app/media

USER alur

EXPOSE 8000

# 5 sync workers = 2 x 2 cores + 1 (gunicorn's rule of thumb for the target machine).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "5", "--access-logfile", "-"]

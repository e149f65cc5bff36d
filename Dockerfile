# Newsbot's image: `newsbot run` as an unprivileged user, logs as JSON lines on stderr,
# /healthz and /metrics on port 9090, the webhook listener (when NEWSBOT_WEBHOOK_URL is
# set) on port 8080. Settings come from the environment (see README, "Running at scale").

# The base image: python:3.11-slim; another with Python 3.11 and `python`/`pip` on PATH
# (e.g. docker/standins/build.sh's, where no registry is reachable) with
#   docker build --build-arg PYTHON_IMAGE=newsbot-standin/python:3.11 .
ARG PYTHON_IMAGE=python:3.11-slim

# -- build: the wheel of this checkout (package data included: bot/data, SQL migrations)
FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE NOTICE ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# -- run: the wheel and its dependencies, nothing else of the checkout
FROM ${PYTHON_IMAGE}
RUN useradd --create-home --uid 10001 newsbot
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER newsbot
WORKDIR /home/newsbot
ENV PYTHONUNBUFFERED=1 \
    NEWSBOT_DB=/home/newsbot/data/newsbot.json \
    NEWSBOT_LOG_FORMAT=json \
    NEWSBOT_OPS_LISTEN=0.0.0.0:9090 \
    NEWSBOT_WEBHOOK_LISTEN=0.0.0.0:8080
# The embedded store's files, when NEWSBOT_DATABASE_URL is not set. Made here, by the
# user: a volume mounted where the image has no folder would be root's, not writable.
RUN mkdir data
VOLUME ["/home/newsbot/data"]
EXPOSE 8080 9090
# The image has no curl: Python asks /healthz (503 or no answer: unhealthy).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:9090/healthz', timeout=4)"]
ENTRYPOINT ["newsbot"]
CMD ["run"]

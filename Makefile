# Two commands for a newcomer: `make demo` and `make test`. Both install what
# they need into .venv first, so each works as the first command on a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install browser redis demo test clean-output

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for JavaScript rendering (Playwright's own download needs the internet).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      echo "installing chromium with apt-get"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	    else echo "warning: no Chromium; run 'sudo apt-get install chromium' for the rendering tests"; fi; }

# Debian's redis-server for the distributed-crawl tests (they start their own on 127.0.0.1).
redis:
	@command -v redis-server >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      echo "installing redis-server with apt-get"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	    else echo "warning: no redis-server; run 'sudo apt-get install redis-server' for the distributed tests"; fi; }

demo: install
	$(PY) -m sample_site.demo

test: install browser redis
	$(PY) -m pytest

clean-output:
	find output -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

# Crawl speed benchmark (bench/crawl.py, issue 12): generates a news site, serves it with
# Debian's nginx-light (installed with apt-get when run as root and missing; Debian then also
# enables the system nginx on port 80) or else a Python server, and times our crawl against
# trafilatura alone and bare Scrapy. More: make bench BENCH_ARGS="--articles 50000 --profile"
BENCH_ARGS ?=
.PHONY: bench
bench: install
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      echo "installing nginx-light with apt-get"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	    else echo "warning: no nginx; bench/crawl.py uses a Python server ('sudo apt-get install nginx-light' for nginx)"; fi; }
	$(PY) bench/crawl.py $(BENCH_ARGS)

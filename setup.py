"""Only for ``scrapyd-deploy``, which builds the egg with ``python setup.py bdist_egg``.

Everything is configured in pyproject.toml (including the ``scrapy`` entry point
Scrapyd needs); without this file scrapyd-deploy would write its own setup.py
into the checkout, with a different name, version and package list.
"""

from setuptools import setup

setup()

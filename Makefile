# Shortcuts for developers; the README's two commands are all a newcomer needs.
.PHONY: help run test lint types schema bench

help:  ## List the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run:  ## Set up and start the app on http://127.0.0.1:5000
	bash scripts/run.sh

test:  ## Set up and run the whole test suite
	bash scripts/test.sh

lint:  ## ruff check and format check
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

types:  ## mypy, strict on assessor/
	.venv/bin/mypy

schema:  ## Regenerate rules/schema.json from the rule pack model
	.venv/bin/assessor rules schema -o rules/schema.json

bench:  ## Scoring throughput on the shipped pack
	.venv/bin/python bench/score_bench.py

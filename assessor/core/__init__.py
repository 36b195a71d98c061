"""The scoring core: RuleBook and answers in, an explained Result out.

This package is pure. It cannot read files or the network, use the clock, or import Flask,
WTForms or anything of the web layer: `tests/core/test_purity.py` keeps it so.
"""

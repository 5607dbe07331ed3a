"""Checks that span several files, run after every file has been read.

Each rule is a module here with a function `check(site)` that reports into `site.problems`;
rules/run.py lists them and runs them in order: one mechanism for every cross-file rule.
This package file imports nothing: the sheet reader needs rules/privacy.py alone, in a
helper that starts before the rest of the program is imported (honor/read_ahead.py), and
importing one rule must not import them all.
"""

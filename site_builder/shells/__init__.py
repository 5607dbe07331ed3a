"""Shells: the programs that host the core (today MkDocs with Material). Only these import
their shell's package, so moving to another shell means writing one folder here."""

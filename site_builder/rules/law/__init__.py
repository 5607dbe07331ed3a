"""The award law as dated data: who may confer which award form, regime by regime.

The data (catalogue.yml, regimes/*.yml) ships with the package; regimes.py reads it."""

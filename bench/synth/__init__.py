"""Building blocks of the synthetic province: names, places, awards, texts, documents.

Every generator takes a ``random.Random`` so a whole province is reproducible from one seed.
"""

"""The recipients of award decisions: reading their sheets (CSV/XLSX), the cache of what
reading produced, the helper that reads them ahead, the awardees of a site and the honor index
(who received what, where and when) that the honor-roll pages, search and feeds share.

Kept free of imports: the sheet helper (read_ahead.py) imports this package first thing."""

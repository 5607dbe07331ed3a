"""Where content lives in a project's content folder: a folder per collection, and each
decision's recipients sheet beside it with the same stem. A module without imports, so that
the sheet helper (honor/read_ahead.py) knows it before the rest of the program is imported."""

DECISIONS_DIR = "decisions"
CONSULTATIONS_DIR = "consultations"
COLLECTION_DIRS = {"plans": "plan", DECISIONS_DIR: "decision", "messages": "message", "stories": "story",
                   CONSULTATIONS_DIR: "consultation"}
# Collections whose entries have a list of people in a sheet beside them (same stem): a
# decision's recipients, a consultation's candidates (honor/loading.py).
SHEET_COLLECTIONS = ("decision", "consultation")
SHEET_SUFFIXES = (".csv", ".xlsx")
# Files of the content folder copied into the site as they are (images, sound, documents).
MEDIA_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".mp3", ".ogg", ".m4a", ".wav",
                  ".pdf", ".mp4", ".webm"}

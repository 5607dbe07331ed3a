"""Where content lives in a project's content folder: a folder per collection, and each
decision's recipients sheet beside it with the same stem. A module without imports, so that
the sheet helper (honor/read_ahead.py) knows it before the rest of the program is imported."""

DECISIONS_DIR = "decisions"
COLLECTION_DIRS = {"plans": "plan", DECISIONS_DIR: "decision", "messages": "message", "stories": "story"}
SHEET_SUFFIXES = (".csv", ".xlsx")
# Files of the content folder copied into the site as they are (images, sound, documents).
MEDIA_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".mp3", ".ogg", ".m4a", ".wav",
                  ".pdf", ".mp4", ".webm"}

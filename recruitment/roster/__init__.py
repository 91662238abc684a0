"""Importing member rosters from Excel or CSV: read → check → plan → apply."""

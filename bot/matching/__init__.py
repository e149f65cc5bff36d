"""Matching: queries, text folding, and the fuzzy matcher with its subscription index (pure)."""

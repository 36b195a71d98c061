"""Helpers shared by test modules in several folders; test modules import from here, never from each other."""

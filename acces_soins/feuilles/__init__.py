"""Territorial roadmaps (feuilles de route) of the conseils territoriaux de santé: seed data, read paths,
timeline, exports and demo. Models live in acces_soins/models/feuilles.py."""

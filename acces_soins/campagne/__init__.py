"""The semester reporting campaign (« campagne de remontées »): models in `acces_soins/models/campagne.py`."""

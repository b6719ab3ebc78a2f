"""Loa: a health department's communication campaigns, delivered to the officers who run them."""
